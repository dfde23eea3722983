"""The kinds of message digests write to the outbox (procure.mail.models), and which tenders
each supplier was told of (suppliers' answers are the tenders': procure.tenders.models.Interest)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

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
