"""Tenders with their lots, Spaser clauses and change history."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, DateTime, Enum, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procure.domain.clauses import RESERVED_TYPES, ClauseType, clause_as_dict
from procure.domain.localtime import utcnow
from procure.extensions import db

if TYPE_CHECKING:
    from procure.accounts.models import Organisation

__all__ = [
    "RESERVED_TYPES", "Clause", "ClauseType", "CpvCode", "Lot", "Tender", "TenderRevision",
    "TenderStatus", "clause_as_dict",
]  # fmt: skip


class TenderStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    OPEN = "open"  # validated by a facilitator (or automatically) and published
    REJECTED = "rejected"
    CLOSED = "closed"


class Tender(db.Model):
    __tablename__ = "tenders"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    cpv_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    departments: Mapped[list[str]] = mapped_column(JSON, default=list)
    estimated_value: Mapped[float | None] = mapped_column(Float)
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    # Trades the buyer corrected by hand; None means "use the detected ones".
    trades_override: Mapped[list[str] | None] = mapped_column(JSON)
    status: Mapped[TenderStatus] = mapped_column(
        Enum(TenderStatus, native_enum=False, length=10), default=TenderStatus.DRAFT, index=True
    )
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    organisation: Mapped[Organisation] = relationship()
    lots: Mapped[list[Lot]] = relationship(
        back_populates="tender",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="Lot.number",
    )
    # Every clause of the tender, its lots' included (a lot clause has `lot` set).
    clauses: Mapped[list[Clause]] = relationship(
        back_populates="tender",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="Clause.id",
    )
    revisions: Mapped[list[TenderRevision]] = relationship(
        cascade="all, delete-orphan", order_by="TenderRevision.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status == TenderStatus.OPEN

    @property
    def own_clauses(self) -> list[Clause]:
        """Clauses on the whole tender, not on one lot."""
        return [c for c in self.clauses if c.lot is None]

    def lot_clauses(self, lot: Lot) -> list[Clause]:
        return [c for c in self.clauses if c.lot is lot]


class Lot(db.Model):
    __tablename__ = "lots"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")

    tender: Mapped[Tender] = relationship(back_populates="lots")
    # Lot clauses are owned by the tender's `clauses` collection; this view reads them.
    clauses: Mapped[list[Clause]] = relationship(
        viewonly=True, lazy="selectin", order_by="Clause.id"
    )


class Clause(db.Model):
    __tablename__ = "clauses"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    lot_id: Mapped[int | None] = mapped_column(
        ForeignKey("lots.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[ClauseType] = mapped_column(Enum(ClauseType, native_enum=False, length=30))
    hours: Mapped[int | None]
    weight: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)

    tender: Mapped[Tender] = relationship(back_populates="clauses")
    lot: Mapped[Lot | None] = relationship()

    def as_dict(self) -> dict[str, Any]:
        return clause_as_dict(self.type, self.hours, self.weight, self.text)


class TenderRevision(db.Model):
    """A change made to a tender once validated: who, when, which fields from what to what."""

    __tablename__ = "tender_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CpvCode(db.Model):
    """One code of the official CPV vocabulary, loaded by `procure cpv load` (optional: when
    the table is empty, codes are checked by their structure and check digit only)."""

    __tablename__ = "cpv_codes"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    label: Mapped[str] = mapped_column(String(400))


class Answer(enum.StrEnum):
    INTERESTED = "interested"
    NOT_INTERESTED = "not_interested"


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
