"""Features and score formula shared by the index (suppliers) and the engine (tenders).

The score estimates the graded relevance a facilitator would give (see the labelling rules):
2 for the exact service in a tender département, 1 for the same région or a sibling trade,
+1 per clause the supplier fits, capped at 3. The cap is not applied and clause points weigh
0.8: a sibling trade fitting two clauses must still rank below the exact service fitting them.
Text similarity, CPV proximity and lexical overlap only break ties: on long texts fuzzy scores
are nearly flat (measured by removing each in turn).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from procure import geo
from procure.domain.clauses import CLAUSES, Reward
from procure.matching.reasons import Reason
from procure.matching.trades import detect_trades
from procure.matching.types import (
    INSERTION_PARTNER_KINDS,
    SSE_LEGAL_FORMS,
    Clause,
    SupplierDoc,
    TenderDoc,
)

KINDS = ("EI", "AI", "ACI", "ETTI", "EITI", "GEIQ", "EA", "EATT", "ESAT")
KIND_BIT = {k: 1 << i for i, k in enumerate(KINDS)}
SSE_BIT = 1 << len(KINDS)
ANY_KIND_MASK = SSE_BIT - 1


def _mask(kinds: Iterable[str]) -> int:
    return sum(KIND_BIT[k] for k in kinds)


RESERVED_MASK = {  # from procure.domain's clause table: who each reservation admits
    c.code: _mask(c.reserves.kinds) | (SSE_BIT if c.reserves.sse else 0)
    for c in CLAUSES
    if c.reserves is not None
}
REWARD = {c.code: c.rewards for c in CLAUSES}
INSERTION_MASK = _mask(INSERTION_PARTNER_KINDS)
SOCIAL_MASK = ANY_KIND_MASK | SSE_BIT

AREA_DEPARTMENT = 1.0
AREA_NATIONAL = 0.85  # labels treat national coverage as serving the area
AREA_REGION = 0.5
AREA_ELSEWHERE = 0.05  # far away: listed only after everyone nearby
FAMILY_FACTOR = 0.5
TENDER_TRADE_FLOOR = 0.3  # tender trades weaker than 30 % of the strongest are noise
SUPPLIER_TRADE_NORM = 0.45
CLAUSE_POINT = 0.8
MAX_RAW = 2.0 + 3 * CLAUSE_POINT + 0.5


def supplier_flags(doc: SupplierDoc) -> int:
    """Bitmask of inclusion kinds plus the SSE bit (SSE legal form or ESUS agrément)."""
    flags = _mask(k for k in doc.inclusion_kinds if k in KIND_BIT)
    if doc.esus or doc.legal_form.strip().lower() in SSE_LEGAL_FORMS:
        flags |= SSE_BIT
    return flags


def supplier_trades(doc: SupplierDoc) -> dict[str, float]:
    """Trades a supplier offers, strongest scaled to 1 unless all evidence is weak."""
    return scale_supplier_trades(detect_trades(doc.description, doc.cpv_codes))


def scale_supplier_trades(raw: dict[str, float]) -> dict[str, float]:
    """Detected strengths -> offered trades (see :func:`supplier_trades`)."""
    top = max(raw.values(), default=0.0)
    scale = max(top, SUPPLIER_TRADE_NORM)
    return {c: round(v / scale, 4) for c, v in raw.items() if v / scale >= 0.1}


def all_clauses(tender: TenderDoc) -> tuple[Clause, ...]:
    """Clauses of the tender and of its lots: reservations on any lot widen eligibility."""
    out = list(tender.clauses)
    for lot in tender.lots:
        out.extend(lot.clauses)
    return tuple(out)


def tender_text(tender: TenderDoc) -> str:
    """Body text of a tender including its lots (titles first, they name the object)."""
    parts = [tender.description or ""]
    for lot in tender.lots:
        parts.append(f"{lot.title}. {lot.description}")
    return "\n".join(p for p in parts if p)


def tender_trade_strengths(tender: TenderDoc) -> dict[str, float]:
    """Trades of a tender scaled to max 1, noise removed; the buyer's override wins."""
    if tender.trades_override is not None:
        return dict.fromkeys(tender.trades_override, 1.0)
    raw = detect_trades(tender_text(tender), tender.cpv_codes, title=tender.title)
    top = max(raw.values(), default=0.0)
    if top <= 0:
        return {}
    return {c: round(v / top, 4) for c, v in raw.items() if v / top >= TENDER_TRADE_FLOOR}


@dataclass(frozen=True, slots=True)
class ClauseNeeds:
    """What a tender's clauses ask of suppliers."""

    required_mask: int  # 0 when not reserved; else a supplier needs flags & mask != 0
    insertion: bool
    insertion_hours: int | None
    social: bool
    environmental: bool


def clause_needs(tender: TenderDoc) -> ClauseNeeds:
    """Union of reservations (art. L2113-14) and the clause types present.

    The engine ranks a tender with lots lot by lot (``engine.lot_tender``: the tender's clauses
    plus the lot's), so a lot's reservation never filters another lot."""
    required = 0
    insertion = social = environmental = False
    hours: int | None = None
    for c in all_clauses(tender):
        required |= RESERVED_MASK.get(c.type, 0)
        reward = REWARD.get(c.type)
        if reward is Reward.INSERTION_PARTNER:
            insertion = True
            if c.hours:
                hours = (hours or 0) + int(c.hours)
        elif reward is Reward.SSE_OR_INCLUSION:
            social = True
        elif reward is Reward.ECO_PRACTICE:
            environmental = True
    return ClauseNeeds(required, insertion, hours, social, environmental)


def area_codes(departments: Iterable[str]) -> tuple[tuple[str, ...], bool]:
    """Valid département codes and whether the scope is national (FR or nothing usable)."""
    codes: list[str] = []
    national = False
    for raw in departments:
        try:
            code = geo.normalise_department(raw)
        except ValueError:
            continue
        if code == geo.NATIONAL:
            national = True
        else:
            codes.append(code)
    return tuple(dict.fromkeys(codes)), national or not codes


def clean_cpv(codes: Iterable[str]) -> tuple[str, ...]:
    """8-digit CPV codes without check digit or punctuation ("90911200-8" -> "90911200")."""
    out = (re.sub(r"\D", "", c.split("-")[0])[:8] for c in codes)
    return tuple(c for c in out if len(c) >= 2)


@lru_cache(maxsize=65_536)
def cpv_proximity(tender_cpv: tuple[str, ...], supplier_cpv: tuple[str, ...]) -> tuple[float, str]:
    """Best shared CPV prefix as a 0-1 proximity and the supplier code that gave it.

    Both sides must already be cleaned with :func:`clean_cpv` (done once at index build).
    Cached: suppliers share a few hundred code sets, and a tender's codes recur across its
    candidates and its lots.
    """
    best, code = 0.0, ""
    for td in tender_cpv:
        for sd in supplier_cpv:
            n = 0
            while n < min(len(td), len(sd)) and td[n] == sd[n]:
                n += 1
            value = {0: 0.0, 1: 0.0, 2: 0.25, 3: 0.5, 4: 0.75}.get(n, 1.0)
            if value > best:
                best, code = value, sd
    return best, code


def combine(
    service: np.ndarray,
    area: np.ndarray,
    clause_points: np.ndarray,
    text: np.ndarray,
    cpv: np.ndarray,
    lexical: np.ndarray,
) -> np.ndarray:
    """Scores 0-100 (one decimal) from feature arrays; see the module docstring."""
    base = 2.0 * np.asarray(service, np.float64) * area
    grade = base + CLAUSE_POINT * clause_points * np.minimum(1.0, base)
    raw = grade + 0.2 * text + 0.15 * cpv + 0.15 * lexical
    return np.round(np.minimum(100.0, 100.0 * raw / MAX_RAW), 1)


def eligibility_reason(
    flags: int, kinds: frozenset[str], legal_form: str, esus: bool, required: int
) -> Reason | None:
    """Why a supplier may bid on a reserved tender."""
    if not required:
        return None
    hits = [k for k in KINDS if flags & required & KIND_BIT[k]]
    if hits:
        return Reason("eligible_kinds", {"kinds": hits})
    if required & SSE_BIT and flags & SSE_BIT:
        form = legal_form.strip().lower()
        if form in SSE_LEGAL_FORMS:
            return Reason("eligible_sse", {"form": form})
        if esus:
            return Reason("eligible_esus")
    return None


def insertion_reason(kinds: frozenset[str], hours: int | None) -> Reason:
    """Insertion partner reason (hours when known)."""
    who = [k for k in KINDS if k in kinds & INSERTION_PARTNER_KINDS]
    return Reason("insertion", {"kinds": who, "hours": hours})


def social_reason(kinds: frozenset[str], flags: int) -> Reason:
    """Social award criterion reason."""
    return Reason("social", {"kinds": [k for k in KINDS if k in kinds]})
