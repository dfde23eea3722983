"""Contracts the Spaser figures are computed from, who holds them, and insertion hours.

One row per buyer SIRET + contract id, whatever its source: a DECP record and a procure award
with the same key are the same contract, so every figure counts it once. Considerations are
kept as five flags rather than a list so that yearly figures over hundreds of thousands of
contracts are plain SQL filters.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procure.extensions import db
from procure.timeutil import utcnow

if TYPE_CHECKING:
    from procure.suppliers.models import Supplier


class ContractSource(enum.StrEnum):
    DECP = "decp"
    PROCURE = "procure"


# DECP vocabulary (the regulatory schema), declared once: flag name -> regulatory label.
SOCIAL_LABELS = {
    "social_clause": "Clause sociale",
    "social_criterion": "Critère social",
    "reserved": "Marché réservé",
}
NO_SOCIAL = "Pas de considération sociale"
ENVIRONMENTAL_LABELS = {
    "env_clause": "Clause environnementale",
    "env_criterion": "Critère environnemental",
}
NO_ENVIRONMENTAL = "Pas de considération environnementale"


class Contract(db.Model):
    __tablename__ = "spaser_contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[ContractSource] = mapped_column(
        Enum(ContractSource, native_enum=False, length=10), index=True
    )
    buyer_siret: Mapped[str] = mapped_column(String(14))
    contract_id: Mapped[str] = mapped_column(String(64), index=True)
    objet: Mapped[str] = mapped_column(Text, default="")
    cpv: Mapped[str] = mapped_column(String(8), default="")  # 8 digits, no check digit
    department: Mapped[str | None] = mapped_column(String(3))  # INSEE code of lieuExecution
    amount: Mapped[float] = mapped_column(Float, default=0.0)
    notified_on: Mapped[date] = mapped_column(Date, index=True)
    duration_months: Mapped[int | None]
    published_on: Mapped[date | None] = mapped_column(Date)
    social_clause: Mapped[bool] = mapped_column(default=False)
    social_criterion: Mapped[bool] = mapped_column(default=False)
    reserved: Mapped[bool] = mapped_column(default=False)
    env_clause: Mapped[bool] = mapped_column(default=False)
    env_criterion: Mapped[bool] = mapped_column(default=False)
    # Insertion hours the contract commits to (procure awards: from the tender's clauses).
    insertion_hours: Mapped[int | None]
    # procure awards only.
    tender_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenders.id", ondelete="SET NULL"), index=True
    )
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id", ondelete="SET NULL"))
    procedure: Mapped[str] = mapped_column(String(80), default="")
    offers_received: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    holders: Mapped[list[ContractHolder]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ContractHolder.id"
    )
    realised: Mapped[list[InsertionHoursRealised]] = relationship(
        cascade="all, delete-orphan", order_by="InsertionHoursRealised.year"
    )

    __table_args__ = (
        UniqueConstraint("buyer_siret", "contract_id"),
        Index("ix_spaser_contracts_buyer_notified", "buyer_siret", "notified_on"),
    )

    @property
    def is_social(self) -> bool:
        return self.social_clause or self.social_criterion or self.reserved

    @property
    def is_environmental(self) -> bool:
        return self.env_clause or self.env_criterion


class ContractHolder(db.Model):
    """A titulaire: its identifier as published, and the registry supplier it is."""

    __tablename__ = "spaser_contract_holders"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("spaser_contracts.id", ondelete="CASCADE"), index=True
    )
    identifier: Mapped[str] = mapped_column(String(64))
    identifier_type: Mapped[str] = mapped_column(String(10), default="SIRET")
    name: Mapped[str] = mapped_column(String(200), default="")
    # Matched by SIRET, else by SIREN (first 9 digits).
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="SET NULL"), index=True
    )

    supplier: Mapped[Supplier | None] = relationship()


class InsertionHoursRealised(db.Model):
    """Insertion hours actually done on a contract during one year, entered by a facilitator."""

    __tablename__ = "spaser_insertion_hours"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("spaser_contracts.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    hours: Mapped[float] = mapped_column(Float)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    __table_args__ = (UniqueConstraint("contract_id", "year"),)
