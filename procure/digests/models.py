"""The e-mail outbox, suppliers' answers to tenders, and which tenders each supplier was told of.

The outbox row is written before any SMTP traffic and is unique per (recipient, kind, period):
whichever process creates it first wins, so two schedulers (or a scheduler and a manual
`procure digest send`) can never queue the same weekly message twice.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procure.accounts.models import User
from procure.extensions import db
from procure.timeutil import utcnow


class MessageKind(enum.StrEnum):
    DIGEST = "digest"  # a buyer's weekly digest
    ALERT = "alert"  # new tenders for a supplier
    # Status e-mails, one per event: their period is the event's id (see procure.digests.status).
    TENDER_VALIDATED = "tender_ok"  # to the buyer who posted the tender
    TENDER_REJECTED = "tender_ko"  # same, with the facilitator's reason
    SUPPLIER_VERIFIED = "struct_ok"  # to the users of a structure
    SUPPLIER_REJECTED = "struct_ko"  # same, with the facilitator's reason


# Kinds a user may turn off on the notifications page (and with an unsubscribe link). The
# status e-mails answer the user's own request (a tender to publish, a structure to verify)
# and are always sent, like a password reset.
OPTIONAL_KINDS = frozenset({MessageKind.DIGEST, MessageKind.ALERT})


class MessageStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by one sender; stale after a crash, then retried
    SENT = "sent"  # the SMTP server accepted it (or it was written to the file outbox)
    FAILED = "failed"  # last attempt failed; retried after `next_attempt_at`
    CANCELLED = "cancelled"  # the recipient opted out before it left


class Answer(enum.StrEnum):
    INTERESTED = "interested"
    NOT_INTERESTED = "not_interested"


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
    # Chosen when the row is created and reused on every attempt (see procure.digests.delivery).
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


class Interest(db.Model):
    """A supplier's answer to a tender, given on the tender's page or through a signed link
    in an alert, with the reason the supplier chose to give (the tender's buyers read it)."""

    __tablename__ = "tender_interests"
    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("supplier_id", "tender_id"),)


class AlertedTender(db.Model):
    """A tender a supplier's user has been alerted about: never alerted twice. Keyed by user,
    not supplier, so that two people of one structure both hear of it once."""

    __tablename__ = "alerted_tenders"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    tender_id: Mapped[int] = mapped_column(
        ForeignKey("tenders.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="SET NULL")
    )
    alerted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
