"""French administrative geography used by the matcher and the forms.

Départements and régions are small, stable facts: they are kept here as project data rather than
pulled from a GPL dataset. Codes are INSEE codes ("01", "2A", "971").
Overseas collectivities (975, 977, 978, 986, 987, 988) are valid area codes for suppliers and
tenders but belong to no région, so ``region_of`` returns ``None`` for them. ``FR`` means a
national scope and is accepted by :func:`normalise_department`.
"""

from __future__ import annotations

import re

from procure.domain.kinds import NATIONAL  # the national scope code, declared in the domain

REGIONS: dict[str, str] = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}

# code -> (name, région code or None for overseas collectivities)
_DEPARTMENTS: dict[str, tuple[str, str | None]] = {
    "01": ("Ain", "84"),
    "02": ("Aisne", "32"),
    "03": ("Allier", "84"),
    "04": ("Alpes-de-Haute-Provence", "93"),
    "05": ("Hautes-Alpes", "93"),
    "06": ("Alpes-Maritimes", "93"),
    "07": ("Ardèche", "84"),
    "08": ("Ardennes", "44"),
    "09": ("Ariège", "76"),
    "10": ("Aube", "44"),
    "11": ("Aude", "76"),
    "12": ("Aveyron", "76"),
    "13": ("Bouches-du-Rhône", "93"),
    "14": ("Calvados", "28"),
    "15": ("Cantal", "84"),
    "16": ("Charente", "75"),
    "17": ("Charente-Maritime", "75"),
    "18": ("Cher", "24"),
    "19": ("Corrèze", "75"),
    "2A": ("Corse-du-Sud", "94"),
    "2B": ("Haute-Corse", "94"),
    "21": ("Côte-d'Or", "27"),
    "22": ("Côtes-d'Armor", "53"),
    "23": ("Creuse", "75"),
    "24": ("Dordogne", "75"),
    "25": ("Doubs", "27"),
    "26": ("Drôme", "84"),
    "27": ("Eure", "28"),
    "28": ("Eure-et-Loir", "24"),
    "29": ("Finistère", "53"),
    "30": ("Gard", "76"),
    "31": ("Haute-Garonne", "76"),
    "32": ("Gers", "76"),
    "33": ("Gironde", "75"),
    "34": ("Hérault", "76"),
    "35": ("Ille-et-Vilaine", "53"),
    "36": ("Indre", "24"),
    "37": ("Indre-et-Loire", "24"),
    "38": ("Isère", "84"),
    "39": ("Jura", "27"),
    "40": ("Landes", "75"),
    "41": ("Loir-et-Cher", "24"),
    "42": ("Loire", "84"),
    "43": ("Haute-Loire", "84"),
    "44": ("Loire-Atlantique", "52"),
    "45": ("Loiret", "24"),
    "46": ("Lot", "76"),
    "47": ("Lot-et-Garonne", "75"),
    "48": ("Lozère", "76"),
    "49": ("Maine-et-Loire", "52"),
    "50": ("Manche", "28"),
    "51": ("Marne", "44"),
    "52": ("Haute-Marne", "44"),
    "53": ("Mayenne", "52"),
    "54": ("Meurthe-et-Moselle", "44"),
    "55": ("Meuse", "44"),
    "56": ("Morbihan", "53"),
    "57": ("Moselle", "44"),
    "58": ("Nièvre", "27"),
    "59": ("Nord", "32"),
    "60": ("Oise", "32"),
    "61": ("Orne", "28"),
    "62": ("Pas-de-Calais", "32"),
    "63": ("Puy-de-Dôme", "84"),
    "64": ("Pyrénées-Atlantiques", "75"),
    "65": ("Hautes-Pyrénées", "76"),
    "66": ("Pyrénées-Orientales", "76"),
    "67": ("Bas-Rhin", "44"),
    "68": ("Haut-Rhin", "44"),
    "69": ("Rhône", "84"),
    "70": ("Haute-Saône", "27"),
    "71": ("Saône-et-Loire", "27"),
    "72": ("Sarthe", "52"),
    "73": ("Savoie", "84"),
    "74": ("Haute-Savoie", "84"),
    "75": ("Paris", "11"),
    "76": ("Seine-Maritime", "28"),
    "77": ("Seine-et-Marne", "11"),
    "78": ("Yvelines", "11"),
    "79": ("Deux-Sèvres", "75"),
    "80": ("Somme", "32"),
    "81": ("Tarn", "76"),
    "82": ("Tarn-et-Garonne", "76"),
    "83": ("Var", "93"),
    "84": ("Vaucluse", "93"),
    "85": ("Vendée", "52"),
    "86": ("Vienne", "75"),
    "87": ("Haute-Vienne", "75"),
    "88": ("Vosges", "44"),
    "89": ("Yonne", "27"),
    "90": ("Territoire de Belfort", "27"),
    "91": ("Essonne", "11"),
    "92": ("Hauts-de-Seine", "11"),
    "93": ("Seine-Saint-Denis", "11"),
    "94": ("Val-de-Marne", "11"),
    "95": ("Val-d'Oise", "11"),
    "971": ("Guadeloupe", "01"),
    "972": ("Martinique", "02"),
    "973": ("Guyane", "03"),
    "974": ("La Réunion", "04"),
    "976": ("Mayotte", "06"),
    "975": ("Saint-Pierre-et-Miquelon", None),
    "977": ("Saint-Barthélemy", None),
    "978": ("Saint-Martin", None),
    "986": ("Wallis-et-Futuna", None),
    "987": ("Polynésie française", None),
    "988": ("Nouvelle-Calédonie", None),
}

OVERSEAS_COLLECTIVITIES = frozenset(c for c, (_, r) in _DEPARTMENTS.items() if r is None)
DEPARTMENT_CODES: tuple[str, ...] = tuple(_DEPARTMENTS)

_BY_REGION: dict[str, tuple[str, ...]] = {
    r: tuple(c for c, (_, rr) in _DEPARTMENTS.items() if rr == r) for r in REGIONS
}


def is_department(code: str) -> bool:
    """True for a valid area code: one of the 101 départements or an overseas collectivity."""
    return code in _DEPARTMENTS


def is_overseas_collectivity(code: str) -> bool:
    """True for 975, 977, 978, 986, 987, 988 (valid area codes without a région)."""
    return code in OVERSEAS_COLLECTIVITIES


def department_name(code: str) -> str:
    """Name of a département or collectivity ("34" -> "Hérault"); KeyError when unknown."""
    if code == NATIONAL:
        return "France entière"
    return _DEPARTMENTS[code][0]


def region_of(code: str) -> str | None:
    """Région code of a département, ``None`` for collectivities, national scope or unknown."""
    entry = _DEPARTMENTS.get(code)
    return entry[1] if entry else None


def region_name(region_code: str) -> str:
    """Name of a région ("76" -> "Occitanie")."""
    return REGIONS[region_code]


def departments_of_region(region_code: str) -> tuple[str, ...]:
    """Départements of a région, in code order; KeyError for an unknown région."""
    if region_code not in REGIONS:
        raise KeyError(f"unknown région code {region_code!r}")
    return _BY_REGION[region_code]


def normalise_department(raw: str | int) -> str:
    """Canonical code of user input: "1" -> "01", "2a" -> "2A", " 34 " -> "34", "fr" -> "FR".

    Raises ValueError with the offending value when it is not a known code, so import reports
    can quote it.
    """
    text = str(raw).strip().upper()
    if text in (NATIONAL, "FRANCE"):
        return NATIONAL
    if text.isdigit() and len(text) == 1:
        text = "0" + text
    if text in ("20",):
        raise ValueError("département '20' is ambiguous: use 2A (Corse-du-Sud) or 2B (Haute-Corse)")
    if text in _DEPARTMENTS:
        return text
    raise ValueError(f"unknown département code {str(raw).strip()!r}")


_POSTCODE = re.compile(r"^\d{5}$")


def department_from_postcode(postcode: str) -> str:
    """Département of a French postcode, handling Corsica (20xxx) and overseas (97x/98x).

    Corsican postcodes below 20200 are Corse-du-Sud, the others Haute-Corse. 97133 is
    Saint-Barthélemy and 97150 Saint-Martin although they start with 971. Monaco (980xx) and
    anything else unknown raise ValueError.
    """
    pc = postcode.strip().replace(" ", "")
    if not _POSTCODE.match(pc):
        raise ValueError(f"not a French postcode: {postcode!r}")
    if pc.startswith("20"):
        return "2A" if int(pc) < 20200 else "2B"
    if pc[:2] in ("97", "98"):
        if pc == "97133":
            return "977"
        if pc == "97150":
            return "978"
        code = pc[:3]
        if code in _DEPARTMENTS:
            return code
        raise ValueError(f"postcode {postcode!r} is not in a French département")
    code = pc[:2]
    if code == "00" or code not in _DEPARTMENTS:
        raise ValueError(f"postcode {postcode!r} is not in a French département")
    return code


_PLURAL_CODES = "04 05 06 13 22 40 64 65 66 79 88 08 92 78"
_FEMININE_CODES = (
    "02 16 17 19 23 24 26 33 42 44 48 50 51 53 55 57 58 61 72 73 76 77 80 85 86 93 2A 21 "
    "43 52 70 74 87 2B 31 54 71"
)
_PLURAL = frozenset(_PLURAL_CODES.split())
_FEMININE = frozenset(_FEMININE_CODES.split())
_OVERSEAS_PHRASE = {
    "971": "en Guadeloupe",
    "972": "en Martinique",
    "973": "en Guyane",
    "974": "à La Réunion",
    "976": "à Mayotte",
    "975": "à Saint-Pierre-et-Miquelon",
    "977": "à Saint-Barthélemy",
    "978": "à Saint-Martin",
    "986": "à Wallis-et-Futuna",
    "987": "en Polynésie française",
    "988": "en Nouvelle-Calédonie",
    "75": "à Paris",
}


def in_department(code: str) -> str:
    """French locative for reasons: "dans l'Hérault", "dans la Drôme", "en Guadeloupe"."""
    if code in _OVERSEAS_PHRASE:
        return _OVERSEAS_PHRASE[code]
    name = department_name(code)
    if code in _PLURAL:
        return f"dans les {name}"
    if name[0] in "AEIOUYÉÈÎ" or name.startswith("Hérault"):
        return f"dans l'{name}"
    if code in _FEMININE:
        return f"dans la {name}"
    return f"dans le {name}"
