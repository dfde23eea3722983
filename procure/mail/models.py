"""The e-mail outbox: one row per message, written before any SMTP traffic.

The row is unique per (recipient, kind, period): whichever process creates it first wins, so
two schedulers (or a scheduler and a manual `procure digest send`) can never queue the same
weekly message twice. Digests, alerts, status e-mails (procure.digests) and account mails
(procure.accounts.mails) all go through it; the kinds are theirs.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procure.extensions import db
from procure.timeutil import utcnow

if TYPE_CHECKING:  # accounts sends mail through the outbox: its model is named, not imported
    from procure.accounts.models import User


class MessageStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by one sender; stale after a crash, then retried
    SENT = "sent"  # the SMTP server accepted it (or it was written to the file outbox)
    FAILED = "failed"  # last attempt failed; retried after `next_attempt_at`
    CANCELLED = "cancelled"  # the recipient opted out before it left


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    # ISO week ("2026-W48") for weekly messages, ISO date ("2026-11-28") for daily ones.
    period: Mapped[str] = mapped_column(String(12))
    recipient: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(10), default=MessageStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Chosen when the row is created and reused on every attempt (see procure.mail.claims).
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    # What the message showed (tender id -> supplier ids), so the next one can say what is new.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()

    __table_args__ = (
        UniqueConstraint("user_id", "kind", "period"),
        Index("ix_outbox_messages_kind_period", "kind", "period"),
    )
