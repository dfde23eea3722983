"""Delivering the outbox: claim a row, hand it to the server, mark it sent. Exactly once.

Why each step is safe with several senders at once (two schedulers started by mistake, a
scheduler and a manual `procure digest send`):

1. Claim. ``UPDATE outbox SET status='sending', claimed_by=<me> WHERE id=? AND <still due>``
   is committed before any SMTP traffic. The database serialises the two UPDATEs (a row lock
   on PostgreSQL, the write lock on SQLite); the second sees the row no longer due and
   changes nothing (rowcount 0), so only one process ever talks to the server about a row.
2. Send over SMTP; the server's 250 reply to DATA means it took responsibility.
3. Mark sent, committed at once. Only this makes a row leave the queue.

A crash between 2 and 3 leaves the row in 'sending'. After ``STALE_AFTER`` it is claimed
again and resent: that window (one message per crashed sender) is the only way a recipient
can get a message twice. Even then the copy is identical, with the same Message-ID chosen
when the row was created: mailbox providers that de-duplicate by Message-ID (Gmail does;
Sieve servers with the RFC 7352 "duplicate" extension can) show it once. A failure before
the server's 250 reply (connection refused, timeout, 4xx/5xx) is a plain failure: the row
goes to 'failed' with the error and is retried with exponential back-off.

This module commits: it is the job/command level of the outbox, one commit per step.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.accounts.models import Frequency, User
from procure.digests.headers import with_plain_list_headers
from procure.digests.links import unsubscribe_url
from procure.digests.models import OPTIONAL_KINDS
from procure.mail.claims import backoff, claim, due, worker_name
from procure.mail.models import MessageStatus, OutboxMessage
from procure.mail.transport import Mailer, build_message
from procure.timeutil import utcnow

log = logging.getLogger(__name__)

# After this many connection failures in a row the server is taken to be down: the run stops
# and leaves the rest pending (a firewalled server would otherwise cost a timeout per row).
UNREACHABLE_AFTER = 5
CONNECTION_ERRORS = (OSError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[tuple[OutboxMessage, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"sent={self.sent} skipped={self.skipped} failed={self.failed}"


def _email(message: OutboxMessage):
    headers = {"Auto-Submitted": "auto-generated"}
    if message.kind in OPTIONAL_KINDS:  # a status e-mail has nothing to unsubscribe from
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url(message.user_id)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            **headers,
        }
    return with_plain_list_headers(
        build_message(
            message.recipient,
            message.subject,
            message.text,
            message.html or None,
            headers=headers,
            message_id=message.message_id,
        )
    )


def _opted_out(user: User | None, message: OutboxMessage) -> bool:
    if user is None or not user.is_active:
        return True
    return message.kind in OPTIONAL_KINDS and user.digest_frequency == Frequency.OFF


def deliver_pending(
    session: Session, *, retry_failed_now: bool = False, limit: int | None = None
) -> DeliveryReport:
    """Deliver every due row once; commit after each claim and each outcome."""
    report = DeliveryReport()
    worker = worker_name()
    stmt = select(OutboxMessage.id).where(due(utcnow(), retry_failed_now))
    ids = list(session.scalars(stmt.order_by(OutboxMessage.id).limit(limit)))
    session.commit()
    in_a_row = 0
    with Mailer() as mailer:
        for position, message_id in enumerate(ids):
            if in_a_row >= UNREACHABLE_AFTER:
                left = len(ids) - position
                report.skipped += left
                log.warning("mail server unreachable: %d message(s) left for the next run", left)
                break
            if not claim(session, message_id, worker, retry_failed_now):
                session.rollback()
                report.skipped += 1  # another sender took it
                continue
            session.commit()
            message = session.get(OutboxMessage, message_id, populate_existing=True)
            assert message is not None
            if _opted_out(message.user, message):
                message.status = MessageStatus.CANCELLED
                message.last_error = "recipient opted out before delivery"
                session.commit()
                report.skipped += 1
                continue
            try:
                mailer.send(_email(message))
            except (OSError, smtplib.SMTPException) as exc:
                in_a_row = in_a_row + 1 if isinstance(exc, CONNECTION_ERRORS) else 0
                error = f"{type(exc).__name__}: {exc}"[:2000]
                message.status = MessageStatus.FAILED
                message.last_error = error
                message.next_attempt_at = utcnow() + backoff(message.attempts)
                report.failed += 1
                report.errors.append((message, error))
                log.warning("outbox %s to %s failed: %s", message.id, message.recipient, error)
            else:
                in_a_row = 0
                message.status = MessageStatus.SENT
                message.sent_at = utcnow()
                message.last_error = ""
                report.sent += 1
            session.commit()
    return report
