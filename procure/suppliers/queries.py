"""The registry's list query with its filters, shared by the facilitator screens, the
exports and the API so that all three show the same suppliers for the same filters."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from procure.suppliers.models import (
    NATIONAL,
    Supplier,
    SupplierArea,
    SupplierKind,
    SupplierStatus,
)
from procure.suppliers.services import capabilities_text
from procure.suppliers.validation import valid_department

PER_PAGE = 50


@dataclass
class Filters:
    status: str = ""
    kind: str = ""
    legal_form: str = ""
    department: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        """From a query string (or any mapping); unknown values are simply ignored."""
        return cls(**{f.name: (args.get(f.name) or "").strip() for f in fields(cls)})

    def as_args(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def filtered(filters: Filters) -> Select:
    """Suppliers matching the filters, newest first (without pagination)."""
    stmt = select(Supplier)
    if filters.status in {s.value for s in SupplierStatus}:
        stmt = stmt.where(Supplier.status == SupplierStatus(filters.status))
    if filters.kind:
        stmt = stmt.where(
            Supplier.id.in_(
                select(SupplierKind.supplier_id).where(SupplierKind.kind == filters.kind.upper())
            )
        )
    if filters.legal_form:
        stmt = stmt.where(Supplier.legal_form == filters.legal_form.lower())
    if filters.department:
        try:
            code = valid_department(filters.department)
        except ValueError:
            code = filters.department
        # Suppliers serving the département, national ones included.
        stmt = stmt.where(
            Supplier.id.in_(
                select(SupplierArea.supplier_id).where(
                    SupplierArea.department.in_({code, NATIONAL})
                )
            )
        )
    if filters.q:
        q = filters.q
        digits = q.replace(" ", "")
        conditions = [
            Supplier.name.ilike(_like(q), escape="\\"),
            Supplier.search_text.like(_like(capabilities_text(q)), escape="\\"),
        ]
        if digits.isdigit():
            conditions.append(Supplier.siret.like(digits + "%"))
        stmt = stmt.where(or_(*conditions))
    return stmt.order_by(Supplier.updated_at.desc(), Supplier.id.desc())


@dataclass
class Page:
    items: list[Supplier]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page_of(session: Session, filters: Filters, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """One page (SQL LIMIT/OFFSET) and the total count."""
    stmt = filtered(filters)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    page = max(1, page)
    items = list(session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)))
    return Page(items, int(total or 0), page, per_page)
