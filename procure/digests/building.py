"""Buyers' weekly digests: for each buyer with open tenders, one message a week listing each
tender with its top suppliers (the matcher's shortlist and its reasons), what is new since
the last digest, deadlines coming up and the suppliers who said they are interested.

Drafts are built without writing; `queue_digests` inserts them in small batches (one short
write transaction per batch, so a second process or the web app is never blocked long).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from procure.accounts.models import Frequency, Role, User
from procure.digests import links
from procure.digests.models import MessageKind
from procure.digests.periods import local, week_key
from procure.digests.render import render
from procure.digests.sections import SectionForUser, section_builders, sections_for
from procure.digests.shortlists import DIGEST, ShortlistCache
from procure.events import shortlist_shown
from procure.mail.models import OutboxMessage
from procure.mail.outbox import Draft, already_queued, queue_message
from procure.matching.reasons import nothing_relevant
from procure.suppliers.models import Supplier
from procure.tenders.models import Answer, Interest, Tender, TenderStatus
from procure.timeutil import aware

SHOWN = DIGEST  # suppliers shown per tender in a digest
DEADLINE_SOON = timedelta(days=14)
BATCH = 200


class Interested(NamedTuple):
    """A structure that said it is interested in a tender, when, and why (may be empty)."""

    name: str
    at: datetime
    reason: str


@dataclass
class SupplierLine:
    name: str
    score: float
    reasons: tuple[str, ...]
    is_new: bool
    relevant: bool = True


@dataclass
class TenderBlock:
    id: int
    reference: str
    title: str
    deadline: date | None
    days_left: int | None
    shortlist_url: str
    is_new: bool
    suppliers: list[SupplierLine]  # relevant: they do the tender's trade in its area
    interested: list[str]
    new_interested: list[str]
    # (name, reason) of the structures interested since the last digest (ever, for a first).
    new_answers: list[tuple[str, str]] = field(default_factory=list)
    # The closest suppliers that are not relevant (other areas, related trades), "à explorer".
    explore: list[SupplierLine] = field(default_factory=list)

    @property
    def nothing_relevant(self) -> bool:
        return not self.suppliers and bool(self.explore)


@dataclass
class DigestContext:
    """What is shared by every buyer of a run: open tenders by organisation, interests."""

    today: date
    by_org: dict[int, list[Tender]]
    interests: dict[int, list[Interested]]
    previous: dict[int, OutboxMessage] = field(default_factory=dict)
    # Sections other features add (procure.digests.sections), started for this run.
    sections: list[SectionForUser] = field(default_factory=list)


def open_tenders(session: Session) -> list[Tender]:
    stmt = select(Tender).where(Tender.status == TenderStatus.OPEN).order_by(Tender.deadline)
    return list(session.scalars(stmt))


def interested_by_tender(
    session: Session, tender_ids: Iterable[int]
) -> dict[int, list[Interested]]:
    """Suppliers who answered "interested", when and why, per tender."""
    wanted = set(tender_ids)
    out: dict[int, list[Interested]] = defaultdict(list)
    stmt = (
        select(Interest.tender_id, Supplier.name, Interest.answered_at, Interest.reason)
        .join(Supplier, Supplier.id == Interest.supplier_id)
        .where(Interest.answer == Answer.INTERESTED)
        .order_by(Interest.answered_at)
    )
    for tender_id, name, at, reason in session.execute(stmt):
        if tender_id in wanted:
            out[tender_id].append(Interested(name, at, reason or ""))
    return out


def previous_digests(
    session: Session, user_ids: list[int], period: str
) -> dict[int, OutboxMessage]:
    """Each user's last digest before this period (what "new" is measured against)."""
    out: dict[int, OutboxMessage] = {}
    for start in range(0, len(user_ids), 500):
        chunk = user_ids[start : start + 500]
        latest = (
            select(func.max(OutboxMessage.id))
            .where(
                OutboxMessage.kind == MessageKind.DIGEST,
                OutboxMessage.period != period,
                OutboxMessage.user_id.in_(chunk),
            )
            .group_by(OutboxMessage.user_id)
        )
        for message in session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(latest))):
            out[message.user_id] = message
    return out


def due_buyers(session: Session, period: str) -> list[User]:
    stmt = (
        select(User)
        .where(
            User.role == Role.BUYER,
            User.is_active_account.is_(True),
            User.digest_frequency != Frequency.OFF,
            User.organisation_id.is_not(None),
        )
        .order_by(User.id)
    )
    done = already_queued(session, MessageKind.DIGEST, period)
    return [u for u in session.scalars(stmt) if u.id not in done]


def tender_block(
    tender: Tender, matches, ctx: DigestContext, previous: OutboxMessage | None
) -> TenderBlock:
    since = aware(previous.created_at) if previous else None
    earlier = ((previous.payload if previous else None) or {}).get("tenders", {})
    shown_before = set(earlier.get(str(tender.id), []))
    known = previous is not None and str(tender.id) in earlier
    lines = [
        SupplierLine(
            m.name, m.score, m.reasons, known and m.supplier_id not in shown_before, m.relevant
        )
        for m in matches[:SHOWN]
    ]
    answers = ctx.interests.get(tender.id, [])
    fresh = [a for a in answers if since is None or aware(a.at) > since]
    days_left = (tender.deadline - ctx.today).days if tender.deadline else None
    return TenderBlock(
        id=tender.id,
        reference=tender.reference,
        title=tender.title,
        deadline=tender.deadline,
        days_left=days_left,
        shortlist_url=links.shortlist_url(tender.reference),
        is_new=previous is not None and not known,
        suppliers=[line for line in lines if line.relevant],
        explore=[line for line in lines if not line.relevant],
        interested=[a.name for a in answers],
        new_interested=[a.name for a in fresh],
        new_answers=[(a.name, a.reason) for a in fresh],
    )


def digest_draft(
    user: User, cache: ShortlistCache, ctx: DigestContext, period: str
) -> Draft | None:
    """The buyer's digest for this period, or None when they have no open tender."""
    tenders = ctx.by_org.get(user.organisation_id or 0, [])
    if not tenders:
        return None
    previous = ctx.previous.get(user.id)
    blocks = [tender_block(t, cache.get(t), ctx, previous) for t in tenders]
    soon = [b for b in blocks if b.days_left is not None and b.days_left <= DEADLINE_SOON.days]
    with force_locale(user.language or "fr"):
        subject = _(
            "procure : vos %(n)d marchés ouverts, semaine %(week)s",
            n=len(blocks),
            week=period.rpartition("W")[2],
        )
    text, html = render(
        "digest",
        user.language,
        user=user,
        subject=subject,
        blocks=blocks,
        soon=soon,
        first=previous is None,
        nothing_relevant_text=nothing_relevant(user.language or "fr"),
        sections=sections_for(ctx.sections, user),
        interested_news=[b for b in blocks if b.new_answers],
        news=[
            b for b in blocks if b.is_new or any(s.is_new for s in b.suppliers) or b.new_interested
        ],
        unsubscribe_url=links.unsubscribe_url(user.id),
        preferences_url=links.preferences_url(),
    )
    payload = {
        "tenders": {
            str(b.id): [m.supplier_id for m in cache.get(t)[:SHOWN]]
            for b, t in zip(blocks, tenders, strict=True)
        },
    }
    return Draft(user.id, user.email, MessageKind.DIGEST, period, subject, text, html, payload)


def digest_context(
    session: Session, now: datetime, users: list[User], period: str
) -> DigestContext:
    tenders = open_tenders(session)
    by_org: dict[int, list[Tender]] = defaultdict(list)
    for tender in tenders:
        by_org[tender.organisation_id].append(tender)
    today = local(now).date()
    return DigestContext(
        today=today,
        by_org=by_org,
        interests=interested_by_tender(session, (t.id for t in tenders)),
        previous=previous_digests(session, [u.id for u in users], period),
        sections=section_builders(session, today),
    )


def iter_digest_drafts(
    session: Session, now: datetime, cache: ShortlistCache | None = None
) -> Iterator[Draft]:
    period = week_key(now)
    users = due_buyers(session, period)
    ctx = digest_context(session, now, users, period)
    cache = cache or ShortlistCache(session)
    wanted_orgs = {u.organisation_id for u in users}
    cache.prefetch(t for org, ts in ctx.by_org.items() if org in wanted_orgs for t in ts)
    for user in users:
        draft = digest_draft(user, cache, ctx, period)
        if draft is not None:
            yield draft


def digest_drafts(session: Session, now: datetime) -> list[Draft]:
    return list(iter_digest_drafts(session, now))


def preview_digest(session: Session, user: User, now: datetime) -> Draft | None:
    """The buyer's next digest, rendered now and queued nowhere (the facilitators' preview)."""
    period = week_key(now)
    ctx = digest_context(session, now, [user], "")
    return digest_draft(user, ShortlistCache(session), ctx, period)


def queue_drafts(session: Session, drafts: Iterable[Draft], on_queued=None, on_batch=None) -> int:
    """Insert drafts BATCH at a time, one short transaction per batch on a connection of its
    own (rendering happens outside it, and the reading session keeps its loaded rows);
    return how many rows were created. Rows another process created first are left alone.
    `on_queued(conn, draft, row_id)` runs for each row created, `on_batch(conn)` at the end
    of each batch, both in its transaction."""
    engine = session.get_bind().engine  # an Engine, whether the session is bound to one or not
    created = 0
    batch: list[Draft] = []

    def flush_batch() -> None:
        nonlocal created
        with engine.begin() as conn:
            for draft in batch:
                row_id = queue_message(conn, draft)
                if row_id is not None:
                    created += 1
                    if on_queued is not None:
                        on_queued(conn, draft, row_id)
            if on_batch is not None:
                on_batch(conn)
        batch.clear()

    for draft in drafts:
        batch.append(draft)
        if len(batch) >= BATCH:
            flush_batch()
    flush_batch()
    return created


def queue_digests(session: Session, now: datetime, cache: ShortlistCache | None = None) -> int:
    shortlists = cache or ShortlistCache(session)
    shown: dict[int, list] = {}  # tender id -> what the digests queued in this batch showed

    def queued(conn: Connection, draft: Draft, row_id: int) -> None:
        for tender_id in draft.payload["tenders"]:
            shown[int(tender_id)] = shortlists.ranked(int(tender_id), SHOWN)

    def batch_done(conn: Connection) -> None:
        """The batch's shortlists, recorded once in the transaction that queues the batch."""
        if shown:
            shortlist_shown.send(conn, channel="digest", shortlists=dict(shown))
            shown.clear()

    drafts = iter_digest_drafts(session, now, shortlists)
    return queue_drafts(session, drafts, queued, batch_done)
