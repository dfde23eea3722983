"""Shortlist snapshots and the answers recorded against them.

A snapshot is written only when a tender's list on a channel differs from the last one
recorded there (its `digest` is a hash of the entries): showing the same list a hundred
times writes nothing after the first. Snapshots are never updated, so a snapshot id names
exactly what was shown.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from procure.extensions import db
from procure.timeutil import utcnow


class Channel(enum.StrEnum):
    WEB = "web"  # the shortlist page
    CSV = "csv"  # its CSV export
    API = "api"  # GET /api/v1/tenders/{reference}/shortlist
    DIGEST = "digest"  # a buyer's weekly digest


class FeedbackKind(enum.StrEnum):
    INTERESTED = "interested"  # a supplier's answer
    NOT_INTERESTED = "not_interested"
    TRADES = "trades"  # a buyer's correction of the tender's trades


class ShortlistSnapshot(db.Model):
    __tablename__ = "shortlist_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(10))
    digest: Mapped[str] = mapped_column(String(40))  # sha1 of the entries, in rank order
    size: Mapped[int]
    shown_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_shortlist_snapshots_tender_channel", "tender_id", "channel"),)


class ShortlistEntry(db.Model):
    __tablename__ = "shortlist_entries"
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("shortlist_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    rank: Mapped[int] = mapped_column(primary_key=True)  # from 1, as shown
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float]
    relevant: Mapped[bool]


class FeedbackEvent(db.Model):
    """One answer or correction, with the snapshot it followed (the latest one of the tender
    where the supplier appears, else the tender's latest) and the supplier's rank there."""

    __tablename__ = "shortlist_feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("shortlist_snapshots.id", ondelete="SET NULL")
    )
    rank: Mapped[int | None]
    relevant: Mapped[bool | None]
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
