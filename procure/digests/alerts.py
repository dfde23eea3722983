"""Supplier alerts: new open tenders that fit a verified supplier, each announced once.

"Fits" is the matcher's own judgement: the supplier is in the tender's shortlist (the same
shared shortlist the buyers' digests show) with a score of at least `MIN_SCORE`. Only tenders
opened in the last `WINDOW` are "new". The alert row and the (user, tender) pairs it
announces are written in one transaction: a tender is never announced to a user twice, and
when two processes build the same alert only the first row and its pairs are kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import force_locale, ngettext
from sqlalchemy import Connection, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from procure.accounts.models import Frequency, Role, User
from procure.digests import links
from procure.digests.building import queue_drafts
from procure.digests.models import AlertedTender, MessageKind
from procure.digests.periods import local, period_for
from procure.digests.render import render
from procure.digests.shortlists import POOL, ShortlistCache
from procure.mail.outbox import Draft, already_queued, dialect_name
from procure.matching.types import Match
from procure.suppliers.models import Supplier, SupplierStatus
from procure.tenders.models import Answer, Interest, Tender, TenderStatus
from procure.timeutil import utcnow

WINDOW = timedelta(days=14)
MIN_SCORE = 30.0
MAX_PER_ALERT = 20


@dataclass
class AlertLine:
    id: int
    reference: str
    title: str
    buyer: str
    deadline: date | None
    score: float
    reasons: tuple[str, ...]
    tender_url: str
    interested_url: str
    not_interested_url: str


def due_supplier_users(session: Session, now: datetime) -> list[tuple[User, str]]:
    """(user, period) of supplier users who want alerts and have none for their period."""
    stmt = (
        select(User)
        .join(Supplier, Supplier.id == User.supplier_id)
        .where(
            User.role == Role.SUPPLIER,
            User.is_active_account.is_(True),
            User.digest_frequency != Frequency.OFF,
            Supplier.status == SupplierStatus.VERIFIED,
        )
        .order_by(User.id)
    )
    done: dict[str, set[int]] = {}
    out = []
    for user in session.scalars(stmt):
        period = period_for(user.digest_frequency, now)
        if period not in done:
            done[period] = already_queued(session, MessageKind.ALERT, period)
        if user.id not in done[period]:
            out.append((user, period))
    return out


def new_tenders(session: Session, now: datetime) -> list[Tender]:
    today = local(now).date()
    stmt = select(Tender).where(
        Tender.status == TenderStatus.OPEN,
        Tender.opened_at >= now - WINDOW,
        or_(Tender.deadline.is_(None), Tender.deadline >= today),
    )
    return list(session.scalars(stmt.order_by(Tender.opened_at, Tender.id)))


def iter_alert_drafts(
    session: Session, now: datetime, cache: ShortlistCache | None = None
) -> Iterator[Draft]:
    users = due_supplier_users(session, now)
    if not users:
        return
    tenders = new_tenders(session, now)
    if not tenders:
        return
    cache = cache or ShortlistCache(session)
    cache.prefetch(tenders, POOL)
    fits: dict[int, list[tuple[Tender, Match]]] = defaultdict(list)
    for tender in tenders:
        for match in cache.get(tender, POOL):
            if match.score >= MIN_SCORE:
                fits[match.supplier_id].append((tender, match))
    recent = Tender.opened_at >= now - WINDOW  # the same window as `new_tenders`
    seen = {
        (user_id, tender_id)
        for user_id, tender_id in session.execute(
            select(AlertedTender.user_id, AlertedTender.tender_id)
            .join(Tender, Tender.id == AlertedTender.tender_id)
            .where(recent)
        )
    }
    answered = {
        (supplier_id, tender_id)
        for supplier_id, tender_id in session.execute(
            select(Interest.supplier_id, Interest.tender_id)
            .join(Tender, Tender.id == Interest.tender_id)
            .where(recent)
        )
    }
    for user, period in users:
        supplier_id = user.supplier_id or 0
        found = [
            (t, m)
            for t, m in fits.get(supplier_id, [])
            if (user.id, t.id) not in seen and (supplier_id, t.id) not in answered
        ]
        if found:
            found.sort(key=lambda pair: -pair[1].score)
            yield alert_draft(user, period, found[:MAX_PER_ALERT])


def alert_draft(user: User, period: str, found: list) -> Draft:
    supplier_id = user.supplier_id or 0
    lines = [
        AlertLine(
            id=t.id,
            reference=t.reference,
            title=t.title,
            buyer=t.organisation.name if t.organisation else "",
            deadline=t.deadline,
            score=m.score,
            reasons=m.reasons,
            tender_url=links.tender_url(t.reference),
            interested_url=links.interest_url(supplier_id, t.id, Answer.INTERESTED),
            not_interested_url=links.interest_url(supplier_id, t.id, Answer.NOT_INTERESTED),
        )
        for t, m in found
    ]
    with force_locale(user.language or "fr"):
        subject = ngettext(
            "procure : %(num)d nouveau marché pour vous",
            "procure : %(num)d nouveaux marchés pour vous",
            len(lines),
        )
    text, html = render(
        "alert",
        user.language,
        user=user,
        subject=subject,
        lines=lines,
        unsubscribe_url=links.unsubscribe_url(user.id),
        preferences_url=links.preferences_url(),
    )
    payload = {"tenders": [line.id for line in lines], "supplier_id": supplier_id}
    return Draft(user.id, user.email, MessageKind.ALERT, period, subject, text, html, payload)


def record_alerted(conn: Connection, draft: Draft, row_id: int) -> None:
    """Remember the announced tenders, in the transaction that created the alert row."""
    insert = postgresql.insert if dialect_name(conn) == "postgresql" else sqlite.insert
    rows = [
        {
            "user_id": draft.user_id,
            "tender_id": tender_id,
            "supplier_id": draft.payload["supplier_id"],
            "message_id": row_id,
            "alerted_at": utcnow(),
        }
        for tender_id in draft.payload["tenders"]
    ]
    if rows:
        conn.execute(insert(AlertedTender).values(rows).on_conflict_do_nothing())


def alert_drafts(session: Session, now: datetime) -> list[Draft]:
    return list(iter_alert_drafts(session, now))


def queue_alerts(session: Session, now: datetime, cache: ShortlistCache | None = None) -> int:
    return queue_drafts(session, iter_alert_drafts(session, now, cache), record_alerted)
