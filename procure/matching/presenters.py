"""What the shortlist page and its CSV show for each match."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.matching.types import Match
from procure.suppliers.models import INCLUSION_KINDS, Supplier
from procure.tenders.answers import answers_for_tender, interests_for_tender

MAX_LIMIT = 100


@dataclass(frozen=True)
class Row:
    rank: int
    match: Match
    kinds: tuple[str, ...]
    legal_form: str
    departments: tuple[str, ...]
    email: str
    city: str
    interest: str | None
    interest_reason: str = ""


@dataclass(frozen=True)
class ShortlistFilters:
    limit: int = 20
    kind: str = ""
    min_score: float = 0.0
    interested_only: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ShortlistFilters:
        def number(name: str, default: float) -> float:
            try:
                return float(args.get(name, default))
            except (TypeError, ValueError):
                return default

        limit = int(min(max(number("limit", 20), 1), MAX_LIMIT))
        kind = args.get("kind", "")
        return cls(
            limit=limit,
            kind=kind if kind in INCLUSION_KINDS else "",
            min_score=min(max(number("min_score", 0.0), 0.0), 100.0),
            interested_only=args.get("interested") == "1",
        )

    def apply(self, rows: list[Row]) -> list[Row]:
        return [
            row
            for row in rows
            if (not self.kind or self.kind in row.kinds)
            and row.match.score >= self.min_score
            and (not self.interested_only or row.interest == "interested")
        ]


def suppliers_by_id(session: Session, ids: list[int]) -> dict[int, Supplier]:
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(Supplier).where(Supplier.id.in_(ids)))}


def interests(session: Session, tender_id: int) -> dict[int, str]:
    """Suppliers' answers to the alert about this tender (interested / not interested)."""
    return {sid: str(answer) for sid, answer in interests_for_tender(session, tender_id).items()}


def interest_reasons(session: Session, tender_id: int) -> dict[int, str]:
    """The reason each structure gave with its answer, when it gave one."""
    return {a.supplier_id: a.reason for a in answers_for_tender(session, tender_id) if a.reason}


def rows(
    matches: list[Match],
    suppliers: Mapping[int, Supplier],
    answers: Mapping[int, str],
    reasons: Mapping[int, str] | None = None,
) -> list[Row]:
    out = []
    for rank, match in enumerate(matches, 1):
        supplier = suppliers.get(match.supplier_id)
        out.append(
            Row(
                rank=rank,
                match=match,
                kinds=tuple(supplier.inclusion_kinds) if supplier else (),
                legal_form=supplier.legal_form if supplier else "",
                departments=tuple(supplier.departments) if supplier else (),
                email=supplier.email if supplier else "",
                city=supplier.city if supplier else "",
                interest=answers.get(match.supplier_id),
                interest_reason=(reasons or {}).get(match.supplier_id, ""),
            )
        )
    return out
