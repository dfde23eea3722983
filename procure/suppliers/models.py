"""The supplier registry: SSE structures, their statuses, service area and audit trail."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procure.domain.kinds import (
    DISABILITY_KINDS,
    INCLUSION_KINDS,
    LEGAL_FORMS,
    NATIONAL,
    SIAE_KINDS,
    SSE_LEGAL_FORMS,
    is_sse,
)
from procure.domain.localtime import utcnow
from procure.extensions import db

if TYPE_CHECKING:
    from procure.accounts.models import User

__all__ = [
    "DISABILITY_KINDS", "INCLUSION_KINDS", "LEGAL_FORMS", "NATIONAL", "SIAE_KINDS",
    "SSE_LEGAL_FORMS", "Supplier", "SupplierArea", "SupplierAudit", "SupplierKind",
    "SupplierStatus",
]  # fmt: skip


class SupplierStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class Supplier(db.Model):
    __tablename__ = "suppliers"
    id: Mapped[int] = mapped_column(primary_key=True)
    siret: Mapped[str] = mapped_column(String(14), unique=True)
    siren: Mapped[str] = mapped_column(String(9), index=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_form: Mapped[str] = mapped_column(String(20), index=True)
    esus: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(Text)
    # Normalised (folded, stemmed) capabilities text, written with the description so the
    # matcher and the text search never normalise at read time.
    search_text: Mapped[str] = mapped_column(Text, default="")
    cpv_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    employees: Mapped[int | None]
    status: Mapped[SupplierStatus] = mapped_column(
        Enum(SupplierStatus, native_enum=False, length=10),
        default=SupplierStatus.PENDING,
        index=True,
    )
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True
    )

    kind_rows: Mapped[list[SupplierKind]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SupplierKind.kind"
    )
    area_rows: Mapped[list[SupplierArea]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SupplierArea.department"
    )
    users: Mapped[list[User]] = relationship(back_populates="supplier")

    @property
    def inclusion_kinds(self) -> list[str]:
        return [row.kind for row in self.kind_rows]

    @inclusion_kinds.setter
    def inclusion_kinds(self, kinds: list[str]) -> None:
        wanted = list(dict.fromkeys(kinds))
        keep = [row for row in self.kind_rows if row.kind in wanted]
        have = {row.kind for row in keep}
        self.kind_rows = keep + [SupplierKind(kind=k) for k in wanted if k not in have]

    @property
    def departments(self) -> list[str]:
        return [row.department for row in self.area_rows]

    @departments.setter
    def departments(self, codes: list[str]) -> None:
        wanted = list(dict.fromkeys(codes))
        keep = [row for row in self.area_rows if row.department in wanted]
        have = {row.department for row in keep}
        self.area_rows = keep + [SupplierArea(department=c) for c in wanted if c not in have]

    @property
    def is_sse(self) -> bool:
        return is_sse(self.legal_form, self.esus)

    @property
    def is_verified(self) -> bool:
        return self.status == SupplierStatus.VERIFIED


class SupplierKind(db.Model):
    """One inclusion status of a supplier (EI, ESAT, ...), indexed for eligibility filters."""

    __tablename__ = "supplier_kinds"
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(5), primary_key=True)
    __table_args__ = (Index("ix_supplier_kinds_kind", "kind"),)


class SupplierArea(db.Model):
    """One département served (INSEE code) or `FR` for national coverage."""

    __tablename__ = "supplier_areas"
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), primary_key=True
    )
    department: Mapped[str] = mapped_column(String(3), primary_key=True)
    __table_args__ = (Index("ix_supplier_areas_department", "department"),)


class SupplierAudit(db.Model):
    """Who changed a supplier's status or an eligibility field, and when."""

    __tablename__ = "supplier_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(254), default="")  # e-mail or "import"/"api"
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
