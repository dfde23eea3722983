"""Match reasons as data: a code with parameters, rendered in the reader's language.

The engine returns :class:`Reason` values; pages, CSV, API, e-mails and the CLI render them with
:func:`render` (explicit language) or ``str(reason)`` (the current Flask-Babel locale, French
outside a request or a ``force_locale`` block). Trade reasons carry the words of the supplier's
own description that show the trade (``quote``), so a buyer can check every claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import get_locale

from procure import geo
from procure.matching.trades import trade_label

LANGS = ("fr", "en")

_LEGAL_FORM = {
    "fr": {
        "association": "association",
        "scop": "SCOP",
        "scic": "SCIC",
        "cooperative": "coopérative",
        "mutual": "mutuelle",
        "foundation": "fondation",
    },
    "en": {
        "association": "association",
        "scop": "SCOP",
        "scic": "SCIC",
        "cooperative": "cooperative",
        "mutual": "mutual",
        "foundation": "foundation",
    },
}

_ECO_EN = {
    "vélo-cargo": "cargo bikes",
    "véhicules électriques ou bas carbone": "electric or low-carbon vehicles",
    "gestion sans pesticides": "pesticide-free management",
    "produits écolabellisés": "eco-labelled products",
    "bilan carbone": "carbon accounting",
    "déchets détournés": "waste diverted from landfill",
    "compostage et paillage": "composting and mulching",
    "circuits courts": "short supply chains",
    "produits bio": "organic products",
    "zéro déchet": "zero waste",
    "lutte contre le gaspillage": "food waste reduction",
    "matériaux recyclés ou biosourcés": "recycled or bio-based materials",
    "économies d'eau": "water saving",
    "énergie renouvelable": "renewable energy",
    "écoconception": "eco-design",
}


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason of a shortlist line: ``code`` (see :data:`CODES`) and its parameters."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str = "fr") -> str:
        return render(self, lang)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    def __str__(self) -> str:
        return render(self, current_language())

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


def current_language() -> str:
    """'en' or 'fr' from the Flask-Babel locale (French outside any context)."""
    try:
        locale = get_locale()
    except RuntimeError:
        return "fr"
    return "en" if locale is not None and locale.language == "en" else "fr"


def label(code: str, lang: str = "fr") -> str:
    """A trade's label in French or English (the code itself when unknown)."""
    return trade_label(code, lang)


def _lower(text: str) -> str:
    return text[0].lower() + text[1:] if text and text[:2] != text[:2].upper() else text


def _group(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", " " if lang == "fr" else ",")


def _quoted(p: Mapping[str, Any], lang: str) -> str:
    quote = p.get("quote")
    if quote:
        return f" — « {quote} »" if lang == "fr" else f" — “{quote}”"
    if p.get("confirmed"):
        return " (confirmé par la structure)" if lang == "fr" else " (confirmed by the supplier)"
    return ""


def _area(p: Mapping[str, Any], lang: str) -> str:
    d = p["department"]
    if lang == "fr":
        return f"Intervient {geo.in_department(d)} ({d})"
    return f"Works in {geo.department_name(d)} ({d})"


def _region(p: Mapping[str, Any], lang: str) -> str:
    name = geo.region_name(p["region"])
    return f"Même région : {name}" if lang == "fr" else f"Same region: {name}"


def _eligible(p: Mapping[str, Any], lang: str) -> str:
    kinds = ", ".join(p["kinds"])
    if lang == "fr":
        return f"{kinds} : éligible au marché réservé"
    return f"{kinds}: eligible for the reserved contract"


def _eligible_sse(p: Mapping[str, Any], lang: str) -> str:
    form = _LEGAL_FORM[lang].get(p["form"], p["form"])
    if lang == "fr":
        return f"Structure de l'ESS ({form}) : éligible au marché réservé"
    return f"Social economy organisation ({form}): eligible for the reserved contract"


def _trade(p: Mapping[str, Any], lang: str) -> str:
    name = _lower(label(p["trade"], lang))
    head = "Fait ce métier : " if lang == "fr" else "Does this trade: "
    return head + name + _quoted(p, lang)


def _related(p: Mapping[str, Any], lang: str) -> str:
    name = _lower(label(p["trade"], lang))
    head = "Métier voisin : " if lang == "fr" else "Related trade: "
    return head + name + _quoted(p, lang)


def _lots(p: Mapping[str, Any], lang: str) -> str:
    numbers = ", ".join(str(n) for n in p["lots"])
    if lang == "fr":
        return ("Lot " if len(p["lots"]) == 1 else "Lots ") + numbers
    return ("Lot " if len(p["lots"]) == 1 else "Lots ") + numbers


def _insertion(p: Mapping[str, Any], lang: str) -> str:
    kinds = ", ".join(p["kinds"])
    hours = p.get("hours")
    if lang == "fr":
        who = "GEIQ" if kinds == "GEIQ" else f"Structure d'insertion ({kinds})"
        if hours:
            return f"{who} : peut porter les {_group(hours, lang)} heures d'insertion"
        return f"{who} : peut porter la clause d'insertion"
    who = "GEIQ" if kinds == "GEIQ" else f"Work integration organisation ({kinds})"
    if hours:
        return f"{who}: can deliver the {_group(hours, lang)} insertion hours"
    return f"{who}: can deliver the insertion clause"


def _social(p: Mapping[str, Any], lang: str) -> str:
    kinds = ", ".join(p.get("kinds", ()))
    if lang == "fr":
        if kinds:
            return f"Structure inclusive ({kinds}) : atout pour le critère social"
        return "Structure de l'ESS : atout pour le critère social"
    if kinds:
        return f"Inclusive organisation ({kinds}): an asset for the social criterion"
    return "Social economy organisation: an asset for the social criterion"


def _eco(p: Mapping[str, Any], lang: str) -> str:
    practices = p["practices"]
    if lang == "fr":
        return "Pratique écologique : " + ", ".join(practices)
    return "Ecological practice: " + ", ".join(_ECO_EN.get(x, x) for x in practices)


def _fixed(fr: str, en: str):
    return lambda p, lang: fr if lang == "fr" else en


CODES = {
    "area_national_tender": _fixed("Marché de portée nationale", "Nationwide contract"),
    "area_department": _area,
    "area_national": _fixed("Couverture nationale", "Nationwide coverage"),
    "area_region": _region,
    "area_outside": _fixed("Hors de la zone du marché", "Outside the contract's area"),
    "eligible_kinds": _eligible,
    "eligible_sse": _eligible_sse,
    "eligible_esus": _fixed(
        "Agrément ESUS : éligible au marché réservé",
        "ESUS approval: eligible for the reserved contract",
    ),
    "trade": _trade,
    "related_trade": _related,
    "lots": _lots,
    "insertion": _insertion,
    "social": _social,
    "eco": _eco,
    "cpv": lambda p, lang: (
        f"Codes CPV proches : {p['code']}" if lang == "fr" else f"Close CPV codes: {p['code']}"
    ),
}


def render(reason: Reason, lang: str = "fr") -> str:
    """The reason as a sentence in French ('fr', default) or English ('en')."""
    return CODES[reason.code](reason.params, "en" if lang == "en" else "fr")


def render_all(reasons: Iterable[Reason], lang: str = "fr") -> list[str]:
    return [render(r, lang) for r in reasons]


def nothing_relevant(lang: str = "fr") -> str:
    """What a shortlist says when no supplier does the trade in the area."""
    if lang == "en":
        return "No organisation in the registry does this trade in this area"
    return "Aucune structure du registre ne fait ce métier dans cette zone"


def to_explore(lang: str = "fr") -> str:
    """Label of the closest, not relevant suppliers (other areas, related trades)."""
    return "to explore" if lang == "en" else "à explorer"
