"""Notification preferences, unsubscribing and suppliers' answers: plain functions over a
session that only flush (the view commits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.accounts.models import Frequency, Role, User
from procure.digests.models import Answer, Interest
from procure.suppliers.models import Supplier
from procure.tenders.models import Tender
from procure.timeutil import utcnow


class NotificationError(ValueError):
    """A request that cannot be honoured, with a message for the user."""


def frequencies_for(user: User) -> list[Frequency]:
    """Daily alerts exist only for suppliers; buyers' digests are weekly."""
    if user.role == Role.SUPPLIER:
        return [Frequency.WEEKLY, Frequency.DAILY, Frequency.OFF]
    return [Frequency.WEEKLY, Frequency.OFF]


def set_preferences(
    session: Session, user: User, frequency: str, language: str, languages: list[str]
) -> None:
    if frequency not in frequencies_for(user):
        raise NotificationError(frequency)
    if language not in languages:
        raise NotificationError(language)
    user.digest_frequency = Frequency(frequency)
    user.language = language
    session.flush()


def unsubscribe(session: Session, user_id: int) -> User | None:
    """Turn off every digest and alert of the user named by a signed link."""
    user = session.get(User, user_id)
    if user is not None:
        user.digest_frequency = Frequency.OFF
        session.flush()
    return user


def interest_target(session: Session, supplier_id: int, tender_id: int) -> tuple[Supplier, Tender]:
    supplier = session.get(Supplier, supplier_id)
    tender = session.get(Tender, tender_id)
    if supplier is None or tender is None:
        raise NotificationError("gone")
    return supplier, tender


def record_interest(session: Session, supplier_id: int, tender_id: int, answer: str) -> Interest:
    """Record (or change) a supplier's answer to a tender; the last answer counts."""
    if answer not in tuple(Answer):
        raise NotificationError(answer)
    interest = session.scalar(
        select(Interest).where(Interest.supplier_id == supplier_id, Interest.tender_id == tender_id)
    )
    if interest is None:
        interest = Interest(supplier_id=supplier_id, tender_id=tender_id, answer=answer)
        session.add(interest)
    else:
        interest.answer = answer
        interest.answered_at = utcnow()
    session.flush()
    return interest


def interests_for_tender(session: Session, tender_id: int) -> dict[int, str]:
    """supplier id -> "interested" | "not_interested", for the tender's shortlist page."""
    rows = session.execute(
        select(Interest.supplier_id, Interest.answer).where(Interest.tender_id == tender_id)
    )
    return dict(list(rows))  # a Result has .keys(): dict() would take it for a mapping
