"""Claiming an outbox row for delivery, and when a failed row is tried again.

The claim is an UPDATE committed before any SMTP traffic: of two senders, only the one whose
UPDATE changed the row talks to the server about it (the whole exactly-once argument is in
procure.digests.delivery, which delivers the queue; procure.accounts.mails sends one row at
once with the same claim).
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, and_, or_, update
from sqlalchemy.orm import Session

from procure.mail.models import MessageStatus, OutboxMessage
from procure.timeutil import utcnow

STALE_AFTER = timedelta(minutes=15)
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=12)


def backoff(attempts: int) -> timedelta:
    """5 min, 10, 20, 40 ... capped at 12 h: a server down for a night is waited out."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def due(now: datetime, retry_failed_now: bool):
    """Rows a sender may claim now. By hand, failed rows are retried at once, whatever their
    back-off and attempt count; the scheduler waits for `next_attempt_at`."""
    if retry_failed_now:
        failed = OutboxMessage.status == MessageStatus.FAILED
    else:
        failed = and_(
            OutboxMessage.status == MessageStatus.FAILED,
            OutboxMessage.attempts < MAX_ATTEMPTS,
            OutboxMessage.next_attempt_at <= now,
        )
    stale = and_(
        OutboxMessage.status == MessageStatus.SENDING,
        OutboxMessage.claimed_at < now - STALE_AFTER,
    )
    return or_(OutboxMessage.status == MessageStatus.PENDING, failed, stale)


def claim(session: Session, message_id: int, worker: str, retry_failed_now: bool) -> bool:
    """Atomically take one row for delivery; False when another sender has it."""
    now = utcnow()
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, due(now, retry_failed_now))
        .values(
            status=MessageStatus.SENDING,
            claimed_by=worker,
            claimed_at=now,
            attempts=OutboxMessage.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    # An UPDATE gives a CursorResult, which counts the rows it changed.
    return cast("CursorResult[Any]", result).rowcount == 1
