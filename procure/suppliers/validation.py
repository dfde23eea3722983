"""One validation of a supplier's fields, shared by the import, the web forms and the API.

`clean_supplier(raw)` takes strings (a CSV row) or lists (a form, a JSON body), returns the
normalised `SupplierData` or the errors by field, each in words a person understands. A row is
validated whole before anything is written, so a bad row never half-lands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.fr import siret as siret_mod

from procure.domain.kinds import INCLUSION_KINDS, LEGAL_FORMS, NATIONAL
from procure.geo import normalise_department

FIELDS = (
    "siret",
    "name",
    "legal_form",
    "inclusion_kinds",
    "esus",
    "description",
    "cpv_codes",
    "departments",
    "postcode",
    "city",
    "email",
    "website",
    "employees",
)
REQUIRED_COLUMNS = ("siret", "name", "legal_form", "description", "departments")
MAX_LENGTH = {
    "name": 200,
    "description": 5000,
    "postcode": 10,
    "city": 100,
    "email": 254,
    "website": 300,
}
MIN_DESCRIPTION_WORDS = 3
_LIST_SPLIT = re.compile(r"[;,|/\s]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CPV = re.compile(r"^(\d{8})(?:-\d)?$")
_YES = {"yes", "oui", "y", "o", "true", "vrai", "1", "x"}
_NO = {"no", "non", "n", "false", "faux", "0", ""}
_LEGAL_ALIASES = {"coopérative": "cooperative", "mutuelle": "mutual", "fondation": "foundation"}
_LEGAL_ALIASES.update({"entreprise": "company", "société": "company", "societe": "company"})


@dataclass
class SupplierData:
    """A supplier's fields, validated and normalised, ready to be written."""

    siret: str
    name: str
    legal_form: str
    inclusion_kinds: list[str] = field(default_factory=list)
    esus: bool = False
    description: str = ""
    cpv_codes: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    postcode: str = ""
    city: str = ""
    email: str = ""
    website: str = ""
    employees: int | None = None

    @property
    def siren(self) -> str:
        return self.siret[:9]


class SupplierInvalid(ValueError):
    """Field errors of a supplier's data: {field: [message, ...]}."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def valid_department(code: str) -> str:
    """The INSEE code of a département (or FR), normalised ('1' -> '01', '2a' -> '2A');
    ValueError when there is no such département."""
    return normalise_department(code)


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in _LIST_SPLIT.split(value.strip()) if v]
    return [str(v).strip() for v in value if str(v).strip()]


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def clean_siret(value: Any) -> str:
    """Digits of a SIRET checked by python-stdnum; ValueError with the reason."""
    raw = str(value or "").strip()
    if re.fullmatch(r"\d[.,]\d+[eE]\+?\d+", raw):
        raise ValueError(_("SIRET abîmé par le tableur (notation scientifique) : %(v)s", v=raw))
    digits = re.sub(r"[\s.\-]", "", raw)
    if not digits:
        raise ValueError(_("SIRET manquant"))
    if digits.isdigit() and len(digits) == 13:  # a leading zero dropped by a spreadsheet
        digits = "0" + digits
    # The common case first, through stdnum's Luhn without its repeated cleaning.
    if (
        len(digits) == 14
        and digits.isdigit()
        and luhn.checksum(digits) == 0
        and luhn.checksum(digits[:9]) == 0
    ):
        return digits
    try:
        return siret_mod.validate(digits)  # exact reasons, and La Poste's exception
    except InvalidChecksum as exc:
        raise ValueError(_("SIRET invalide (clé de contrôle fausse) : %(v)s", v=raw)) from exc
    except InvalidLength as exc:
        raise ValueError(_("SIRET invalide (14 chiffres attendus) : %(v)s", v=raw)) from exc
    except (InvalidFormat, InvalidComponent) as exc:
        raise ValueError(_("SIRET invalide (chiffres seulement) : %(v)s", v=raw)) from exc


def _bool(value: Any, errors: dict[str, list[str]]) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in _YES:
        return True
    if text not in _NO:
        errors.setdefault("esus", []).append(_("ESUS : « yes » ou « no » attendu (%(v)s)", v=text))
    return False


def _kinds(value: Any, errors: dict[str, list[str]]) -> list[str]:
    kinds: list[str] = []
    unknown: list[str] = []
    for item in _items(value):
        (kinds if item.upper() in INCLUSION_KINDS else unknown).append(item.upper())
    if unknown:
        errors.setdefault("inclusion_kinds", []).append(
            _(
                "statut d'inclusion inconnu : %(v)s (attendus : %(k)s)",
                v=", ".join(unknown),
                k=", ".join(INCLUSION_KINDS),
            )
        )
    return sorted(set(kinds))  # the order the ORM relationship loads them in


def _departments(value: Any, errors: dict[str, list[str]]) -> list[str]:
    codes, unknown = [], []
    for item in _items(value):
        try:
            codes.append(valid_department(item))
        except ValueError:
            unknown.append(item)
    if unknown:
        errors.setdefault("departments", []).append(
            _("code de département inconnu : %(v)s", v=", ".join(unknown))
        )
    elif not codes:
        errors.setdefault("departments", []).append(
            _("zone d'intervention manquante (codes de départements ou FR)")
        )
    if NATIONAL in codes:
        return [NATIONAL]
    return sorted(set(codes))


def _cpv(value: Any, errors: dict[str, list[str]]) -> list[str]:
    codes, bad = [], []
    for item in _items(value):
        match = _CPV.match(item)
        if match:
            codes.append(match.group(1))
        else:
            bad.append(item)
    if bad:
        errors.setdefault("cpv_codes", []).append(
            _("code CPV invalide (8 chiffres attendus) : %(v)s", v=", ".join(bad))
        )
    return list(dict.fromkeys(codes))


def _employees(value: Any, errors: dict[str, list[str]]) -> int | None:
    text = str(value if value is not None else "").strip().replace(" ", "")
    if not text:
        return None
    if text.isdigit() and int(text) < 10_000_000:
        return int(text)
    errors.setdefault("employees", []).append(
        _("effectif invalide (un nombre entier attendu) : %(v)s", v=text)
    )
    return None


def _lengths(data: SupplierData, errors: dict[str, list[str]]) -> None:
    for name, limit in MAX_LENGTH.items():
        value = getattr(data, name)
        if len(value) > limit:
            errors.setdefault(name, []).append(
                _(
                    "champ %(f)s trop long (%(n)d caractères, %(max)d au plus)",
                    f=name,
                    n=len(value),
                    max=limit,
                )
            )


def clean_supplier(raw: Mapping[str, Any]) -> SupplierData:
    """Validate and normalise every field; raise SupplierInvalid with all the errors."""
    errors: dict[str, list[str]] = {}
    try:
        siret = clean_siret(raw.get("siret"))
    except ValueError as exc:
        errors["siret"] = [str(exc)]
        siret = ""
    name = _text(raw.get("name"))
    if not name:
        errors["name"] = [_("nom manquant")]
    legal_form = _text(raw.get("legal_form")).lower()
    legal_form = _LEGAL_ALIASES.get(legal_form, legal_form)
    if legal_form not in LEGAL_FORMS:
        errors["legal_form"] = [
            _(
                "forme juridique inconnue : %(v)s (attendues : %(f)s)",
                v=legal_form or "—",
                f=", ".join(LEGAL_FORMS),
            )
        ]
    description = str(raw.get("description") or "").strip()
    if not description:
        errors["description"] = [_("description vide")]
    elif len(description.split()) < MIN_DESCRIPTION_WORDS:
        errors["description"] = [_("description trop courte pour décrire un savoir-faire")]
    email = _text(raw.get("email")).lower()
    if email and not _EMAIL.match(email):
        errors["email"] = [_("adresse e-mail invalide : %(v)s", v=email)]
    website = _text(raw.get("website"))
    if website and not website.lower().startswith(("http://", "https://")):
        website = "https://" + website
    postcode = _text(raw.get("postcode")).replace(" ", "")
    if postcode.isdigit() and len(postcode) == 4:  # a leading zero dropped by a spreadsheet
        postcode = "0" + postcode
    data = SupplierData(
        siret=siret,
        name=name,
        legal_form=legal_form,
        inclusion_kinds=_kinds(raw.get("inclusion_kinds"), errors),
        esus=_bool(raw.get("esus"), errors),
        description=description,
        cpv_codes=_cpv(raw.get("cpv_codes"), errors),
        departments=_departments(raw.get("departments"), errors),
        postcode=postcode,
        city=_text(raw.get("city")),
        email=email,
        website=website,
        employees=_employees(raw.get("employees"), errors),
    )
    _lengths(data, errors)
    if errors:
        raise SupplierInvalid(errors)
    return data
