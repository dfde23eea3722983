"""Notification preferences, unsubscribing and the target of an answer link: plain functions
over a session that only flush (the view commits). The answers are the tenders'
(procure.tenders.answers)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from procure.accounts.models import Frequency, Role, User
from procure.suppliers.models import Supplier
from procure.tenders.models import Tender


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
