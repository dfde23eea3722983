"""What a verified supplier reads on a tender's page: the need, lots and clauses, what each
clause means for this structure, why procure thinks the tender fits it, and its own answer.

Only published tenders reach here (`procure.tenders.access`); only the tender's published
contact is shown, never its buyers' accounts, and never another structure's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from procure.suppliers.models import DISABILITY_KINDS, SIAE_KINDS, Supplier
from procure.tenders.answers import answers_of_supplier
from procure.tenders.matcher import matcher
from procure.tenders.models import Clause, ClauseType, Interest, Lot, Tender, TenderStatus

# How far down the tender's shortlist the supplier is looked for; alerts look as far
# (procure.digests.shortlists.POOL: a supplier is alerted when it is in the first
# SHORTLIST_DEPTH), so the page of every alerted tender says why. Measured with 20,000
# generated suppliers (shared 2-core machine, 2026-12-03): median 47-52 ms at 20-30,
# 70-84 ms at 100 (explaining a match costs more than finding it).
SHORTLIST_DEPTH = 30
INSERTION_PARTNERS = SIAE_KINDS | {"GEIQ"}


@dataclass(frozen=True)
class ClauseForSupplier:
    """A clause and what it means for this structure: the template says it in words.

    `eligible` is set for a reserved market (may this structure bid at all?); `favoured`
    says whether the structure is the kind the clause favours (an insertion structure for
    insertion hours, an SSE or inclusion structure for a social criterion)."""

    clause: Clause
    eligible: bool | None
    favoured: bool


@dataclass(frozen=True)
class LotForSupplier:
    lot: Lot
    clauses: list[ClauseForSupplier]


@dataclass(frozen=True)
class SupplierTenderPage:
    tender: Tender
    supplier: Supplier
    clauses: list[ClauseForSupplier]
    lots: list[LotForSupplier]
    match: Any  # the matcher's match (score, reasons), None when not in the shortlist
    rank: int | None
    answer: Interest | None

    @property
    def can_answer(self) -> bool:
        return self.tender.status == TenderStatus.OPEN

    @property
    def eligible_somewhere(self) -> bool:
        """False when every part of the tender is reserved to structures it is not."""
        parts = [self.clauses, *(lot.clauses for lot in self.lots)]
        return any(all(c.eligible is not False for c in part) for part in parts)


def clause_for(clause: Clause, supplier: Supplier) -> ClauseForSupplier:
    kinds = set(supplier.inclusion_kinds)
    kind = ClauseType(clause.type)
    eligible: bool | None = None
    favoured = False
    if kind == ClauseType.RESERVED_DISABILITY:
        eligible = bool(kinds & DISABILITY_KINDS)
    elif kind == ClauseType.RESERVED_INCLUSION:
        eligible = bool(kinds & SIAE_KINDS)
    elif kind == ClauseType.RESERVED_ESS:
        eligible = supplier.is_sse
    elif kind == ClauseType.INSERTION:
        favoured = bool(kinds & INSERTION_PARTNERS)
    elif kind == ClauseType.SOCIAL_CRITERION:
        favoured = supplier.is_sse or bool(kinds)
    return ClauseForSupplier(clause, eligible, favoured)


def supplier_page(session: Session, tender: Tender, supplier: Supplier) -> SupplierTenderPage:
    rank, match = matcher().place(session, tender, supplier.id, SHORTLIST_DEPTH)
    return SupplierTenderPage(
        tender=tender,
        supplier=supplier,
        clauses=[clause_for(c, supplier) for c in tender.own_clauses],
        lots=[
            LotForSupplier(lot, [clause_for(c, supplier) for c in tender.lot_clauses(lot)])
            for lot in tender.lots
        ],
        match=match,
        rank=rank,
        answer=answers_of_supplier(session, supplier.id, [tender.id]).get(tender.id),
    )
