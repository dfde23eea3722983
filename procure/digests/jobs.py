"""The jobs the scheduler and `procure digest send` run: thin, idempotent, taking no ORM
objects, each committing its own work."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.digests import alerts, building, delivery
from procure.digests.shortlists import ShortlistCache
from procure.domain.localtime import utcnow
from procure.mail.models import MessageStatus, OutboxMessage
from procure.mail.outbox import Draft
from procure.scheduler import (
    Job,
    always,
    digest_trigger,
    every_few_minutes,
    hourly_by_day,
    missed_this_week,
)

log = logging.getLogger(__name__)


@dataclass
class Queued:
    digests: int = 0
    alerts: int = 0


def queue_due(session: Session, workers: int = 1) -> Queued:
    """Queue every due buyer digest and supplier alert (committed in small batches).

    `workers` > 1 ranks tenders in forked processes: for the command line only, never in the
    scheduler, whose process has threads (forking a threaded process is unsafe)."""
    now = utcnow()
    # One shortlist per tender, shared: alerts first (longer lists for the new tenders), then
    # digests, which reuse them.
    cache = ShortlistCache(session, workers=workers)
    queued_alerts = alerts.queue_alerts(session, now, cache)
    return Queued(digests=building.queue_digests(session, now, cache), alerts=queued_alerts)


def preview_due(session: Session) -> tuple[list[Draft], int]:
    """What `queue_due` would write, and how many rows wait in the outbox; writes nothing."""
    now = utcnow()
    drafts = building.digest_drafts(session, now) + alerts.alert_drafts(session, now)
    pending = session.scalar(
        select(func.count(OutboxMessage.id)).where(
            OutboxMessage.status.in_([MessageStatus.PENDING, MessageStatus.FAILED])
        )
    )
    session.rollback()
    return drafts, int(pending or 0)


def deliver(session: Session, retry_failed_now: bool = False) -> delivery.DeliveryReport:
    return delivery.deliver_pending(session, retry_failed_now=retry_failed_now)


# --- scheduled jobs: each takes only a session, commits its own work, and is idempotent.


def weekly_digests(session: Session) -> str:
    """Queue this week's buyer digests (and due alerts, sharing the shortlists), deliver."""
    queued = queue_due(session)
    report = deliver(session)
    return f"digests={queued.digests} alerts={queued.alerts} {report.summary()}"


def supplier_alerts(session: Session) -> str:
    """Hourly: queue the alerts due (daily or weekly per the supplier's choice), deliver."""
    queued = alerts.queue_alerts(session, utcnow())
    report = deliver(session)
    return f"alerts={queued} {report.summary()}"


def deliver_mail(session: Session) -> str:
    """Every few minutes: pending messages, and failed ones whose back-off is over."""
    return deliver(session).summary()


# Contributed to the scheduler by `procure.digests.setup.init_app`.
JOBS = (
    Job("weekly_digests", weekly_digests, digest_trigger, missed_this_week),
    Job("supplier_alerts", supplier_alerts, hourly_by_day, always),
    Job("deliver_mail", deliver_mail, every_few_minutes, always),
)
