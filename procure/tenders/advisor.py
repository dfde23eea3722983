"""The clause advisor: which Spaser clause the local SSE supply can carry, with the numbers.

In the spirit of Le Marché de l'inclusion's "inclusive potential": count the verified
suppliers serving the place of performance that could answer under each reservation and
whose activity shares words with the need, then recommend reserving the market (many),
reserving a lot or an insertion clause (some), or a social award criterion (few).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.domain.clauses import CLAUSES, ClauseSpec, ClauseType
from procure.domain.kinds import NATIONAL, is_sse
from procure.suppliers.models import Supplier, SupplierArea, SupplierKind, SupplierStatus
from procure.tenders.departments import department_name, in_department
from procure.tenders.matcher import matcher

MANY = 5  # local relevant structures under one reservation: reserve the whole market
SOME = 2  # ... reserve a lot, or add an insertion clause when SIAE are among them
# The reservations, from the clause table; on equal numbers the SIAE reservation is proposed
# first (it also opens the way to an insertion clause), then the table's order.
RESERVATIONS: tuple[ClauseSpec, ...] = tuple(
    sorted(
        (c for c in CLAUSES if c.reserves is not None),
        key=lambda c: c.type != ClauseType.RESERVED_INCLUSION,
    )
)

# Words every notice has, which say nothing about the trade.
_STOP = """avec dans pour par sur sous des les une aux est sont ainsi afin cette ces ceux
    leur leurs nous vous elle elles entre chaque tout tous toute toutes plus moins tres
    marche marches prestation prestations service services lot lots commune communes ville
    public publique publics acheteur titulaire candidat candidats offre offres contrat
    duree mois annee annees an ans lieu objet besoin besoins realisation ensemble site
    sites cadre accord clause clauses critere criteres note notes selon mise place fourniture
    fournitures travaux environ minimum maximum montant euros nous notre nos votre vos
    other with from that this have will their which into about etre"""
STOP_WORDS = frozenset(_STOP.split())


def _stem(word: str) -> str:
    """A very light French plural folding: enough for the word-overlap test used when the
    matcher reads no trade in the need."""
    for suffix in ("aux", "eaux", "s", "x"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("al" if suffix == "aux" else "")
    return word


@lru_cache(maxsize=16384)
def tokens(text: str) -> frozenset[str]:
    folded = re.sub(r"[^a-z0-9]+", " ", anyascii(text or "").lower())
    return frozenset(_stem(w) for w in folded.split() if len(w) >= 4 and w not in STOP_WORDS)


def is_relevant(supplier: Supplier | SupplierFacts, need_text: str) -> bool:
    """Could this supplier do the job described? Shared meaningful words between the need
    and the supplier's own description: two, or one when the need is a few words only."""
    need = tokens(need_text)
    if not need:
        return True
    offer = tokens(f"{supplier.description} {supplier.search_text}")  # cached per text
    shared = len(need & offer)
    return shared >= 2 or (shared >= 1 and len(need) <= 6)


def insertion_hours(
    amount: float, labour_share: float = 0.4, hourly_cost: float = 35.0, rate: float = 0.07
) -> int:
    """Insertion hours for a contract: the labour share of its amount divided by a loaded
    hourly cost gives its labour hours; 5 to 10 % of them go to people in insertion."""
    if amount < 0 or not 0 < labour_share <= 1 or hourly_cost <= 0 or not 0 < rate <= 1:
        raise ValueError(_("paramètres du calcul invalides"))
    return round(amount * labour_share / hourly_cost * rate)


@dataclass
class Recommendation:
    kind: str  # reserve_market | reserve_lot | insertion | social_criterion
    clause_type: str
    message: str


@dataclass
class Advice:
    area: str
    relevant_total: int
    counts: dict[str, int]
    numbers: list[str] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def area_phrase(departments: list[str]) -> str:
    """ "dans l'Hérault", "dans l'Hérault ou dans le Gard", "en France"."""
    if not departments or NATIONAL in departments:
        return _("en France")
    return _(" ou ").join(in_department(c) for c in departments)


def area_label(departments: list[str]) -> str:
    if not departments or NATIONAL in departments:
        return _("France entière")
    return ", ".join(f"{department_name(c)} ({c})" for c in departments)


class SupplierFacts(NamedTuple):
    """What the advisor reads of a supplier: loaded as plain rows, not ORM objects (loading
    thousands of suppliers with their relationships took seconds)."""

    id: int
    description: str
    search_text: str
    legal_form: str
    esus: bool
    kinds: frozenset[str]

    @property
    def is_sse(self) -> bool:
        return is_sse(self.legal_form, self.esus)


def local_suppliers(session: Session, departments: list[str]) -> list[SupplierFacts]:
    """Verified suppliers serving one of `departments` (or the whole country)."""
    ids = select(Supplier.id).where(Supplier.status == SupplierStatus.VERIFIED)
    if departments and NATIONAL not in departments:
        areas = select(SupplierArea.supplier_id).where(
            SupplierArea.department.in_([*departments, NATIONAL])
        )
        ids = ids.where(Supplier.id.in_(areas))
    kinds: dict[int, set[str]] = {}
    for supplier_id, kind in session.execute(
        select(SupplierKind.supplier_id, SupplierKind.kind).where(SupplierKind.supplier_id.in_(ids))
    ):
        kinds.setdefault(supplier_id, set()).add(kind)
    rows = session.execute(
        select(
            Supplier.id, Supplier.description, Supplier.search_text, Supplier.legal_form,
            Supplier.esus,
        ).where(Supplier.id.in_(ids))
    )  # fmt: skip
    return [
        SupplierFacts(i, d or "", t or "", f, bool(e), frozenset(kinds.get(i, ())))
        for i, d, t, f, e in rows
    ]


MAIN_TRADE = 0.5  # a need's trade this strong is what it is about
OFFERS = 0.3  # a supplier's trade this strong is something it does


def need_trades(need_text: str, cpv_codes: list[str]) -> list[str]:
    """The trades the matcher reads in the need (its main ones when it reads several)."""
    trades = matcher().need_trades(need_text, cpv_codes)
    main = [c for c, s in trades.items() if s >= MAIN_TRADE]
    return main or list(trades)


def relevant_suppliers(
    session: Session, suppliers: list[SupplierFacts], need_text: str, cpv_codes: list[str]
) -> list[SupplierFacts]:
    """Suppliers that could do the job: those offering one of the need's trades, as the
    matcher detects them (asked through procure.tenders.matcher), so the advisor's numbers
    agree with the shortlists; word overlap (`is_relevant`) when the matcher reads no trade
    in the need or in a supplier's description."""
    trades = need_trades(need_text, cpv_codes) if need_text.strip() else []
    if not trades or not suppliers:
        return [s for s in suppliers if is_relevant(s, need_text)]
    offers = matcher().offers(session, [s.id for s in suppliers], trades, OFFERS)
    return [
        s
        for s in suppliers
        if offers.get(s.id, False) or (s.id not in offers and is_relevant(s, need_text))
    ]


def advise(
    session: Session, departments: list[str], need_text: str, cpv_codes: Sequence[str] = ()
) -> Advice:
    suppliers = relevant_suppliers(
        session, local_suppliers(session, departments), need_text, list(cpv_codes)
    )
    counts = {
        r.code: sum(1 for s in suppliers if r.reserves and r.reserves.admits(s.kinds, s.is_sse))
        for r in RESERVATIONS
    }
    area = area_phrase(departments)
    labels = {r.code: _(r.reserves.audience) for r in RESERVATIONS if r.reserves}
    advice = Advice(area=area, relevant_total=len(suppliers), counts=counts)
    advice.numbers = [
        _("%(n)d %(label)s %(area)s peuvent répondre", n=n, label=labels[k], area=area)
        for k, n in counts.items()
    ]
    candidates = [r.code for r in RESERVATIONS if r.reserves and r.reserves.allowed_for(cpv_codes)]
    best = max(candidates, key=lambda k: counts[k])  # list order breaks ties: SIAE first
    n = counts[best]
    if n >= MANY:
        advice.recommendations.append(
            Recommendation(
                "reserve_market",
                best,
                _(
                    "Réservez le marché aux %(label)s : %(n)d peuvent répondre %(area)s.",
                    label=labels[best], n=n, area=area,
                ),
            )
        )  # fmt: skip
    elif n >= SOME:
        advice.recommendations.append(
            Recommendation(
                "reserve_lot",
                best,
                _(
                    "Réservez un lot aux %(label)s : %(n)d peuvent répondre %(area)s, "
                    "trop peu pour réserver tout le marché.",
                    label=labels[best], n=n, area=area,
                ),
            )
        )  # fmt: skip
        if counts["reserved_inclusion"]:
            advice.recommendations.append(
                Recommendation(
                    "insertion",
                    "insertion",
                    _(
                        "Ajoutez une clause d'insertion : %(n)d SIAE locales peuvent être "
                        "partenaires ou sous-traitantes du titulaire.",
                        n=counts["reserved_inclusion"],
                    ),
                )
            )
    else:
        advice.recommendations.append(
            Recommendation(
                "social_criterion",
                "social_criterion",
                _(
                    "Peu de structures locales (%(n)d au plus sous une même réserve) : "
                    "un critère d'attribution social (10 à 15 %% de la note) ouvre le marché "
                    "à tous en valorisant l'insertion.",
                    n=n,
                ),
            )
        )
    return advice
