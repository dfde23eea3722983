"""The jobs the scheduler and `procure digest send` run: thin, idempotent, taking no ORM
objects, each committing its own work."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.digests import delivery
from procure.digests.models import MessageStatus, OutboxMessage
from procure.digests.outbox import Draft
from procure.timeutil import utcnow

log = logging.getLogger(__name__)


@dataclass
class Queued:
    digests: int = 0
    alerts: int = 0


def queue_due(session: Session) -> Queued:
    """Queue every due buyer digest and supplier alert (committed in small batches)."""
    from procure.digests import alerts, building
    from procure.digests.shortlists import ShortlistCache

    now = utcnow()
    cache = ShortlistCache(session)  # one shortlist per tender, for digests and alerts
    return Queued(
        digests=building.queue_digests(session, now, cache),
        alerts=alerts.queue_alerts(session, now, cache),
    )


def preview_due(session: Session) -> tuple[list[Draft], int]:
    """What `queue_due` would write, and how many rows wait in the outbox; writes nothing."""
    from procure.digests import alerts, building

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
