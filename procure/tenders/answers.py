"""Suppliers' answers to tenders: recording one, and who reads which (the tender's buyers
read every answer, a supplier only its own). Plain functions over a session that only flush."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.events import interest_answered
from procure.suppliers.models import Supplier
from procure.tenders.models import Answer, Interest
from procure.timeutil import utcnow


class UnknownAnswer(ValueError):
    """An answer that is neither "interested" nor "not_interested"."""


REASON_MAX = 1000


def record_interest(
    session: Session, supplier_id: int, tender_id: int, answer: str, reason: str | None = ""
) -> Interest:
    """Record (or change) a supplier's answer to a tender; the last answer counts, and its
    reason with it (an answer given again without a reason clears the old one)."""
    if answer not in tuple(Answer):
        raise UnknownAnswer(answer)
    reason = " ".join((reason or "").split())[:REASON_MAX]
    interest = session.scalar(
        select(Interest).where(Interest.supplier_id == supplier_id, Interest.tender_id == tender_id)
    )
    if interest is None:
        interest = Interest(
            supplier_id=supplier_id, tender_id=tender_id, answer=answer, reason=reason
        )
        session.add(interest)
    else:
        interest.answer = answer
        interest.reason = reason
        interest.answered_at = utcnow()
    session.flush()
    interest_answered.send(session, supplier_id=supplier_id, tender_id=tender_id, answer=answer)
    return interest


@dataclass(frozen=True)
class TenderAnswer:
    """One structure's answer as the tender's buyers read it."""

    supplier_id: int
    name: str
    answer: str
    reason: str
    answered_at: datetime


def answers_for_tender(session: Session, tender_id: int) -> list[TenderAnswer]:
    """Every structure's answer to the tender, interested first, newest first: for the
    tender's buyers and facilitators only (a supplier never reads another's answer)."""
    rows = session.execute(
        select(Interest, Supplier.name)
        .join(Supplier, Supplier.id == Interest.supplier_id)
        .where(Interest.tender_id == tender_id)
        .order_by(Interest.answered_at.desc(), Interest.id.desc())
    )
    answers = [
        TenderAnswer(i.supplier_id, name, i.answer, i.reason, i.answered_at) for i, name in rows
    ]
    return sorted(answers, key=lambda a: a.answer != Answer.INTERESTED)


def answers_of_supplier(
    session: Session, supplier_id: int, tender_ids: Iterable[int] | None = None
) -> dict[int, Interest]:
    """tender id -> the supplier's own answer (for its pages: never another supplier's)."""
    stmt = select(Interest).where(Interest.supplier_id == supplier_id)
    if tender_ids is not None:
        stmt = stmt.where(Interest.tender_id.in_(list(tender_ids)))
    return {i.tender_id: i for i in session.scalars(stmt)}


def interests_for_tender(session: Session, tender_id: int) -> dict[int, str]:
    """supplier id -> "interested" | "not_interested", for the tender's shortlist page."""
    rows = session.execute(
        select(Interest.supplier_id, Interest.answer).where(Interest.tender_id == tender_id)
    )
    return dict(list(rows))  # a Result has .keys(): dict() would take it for a mapping
