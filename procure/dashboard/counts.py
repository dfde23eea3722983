"""Figures for the facilitator's dashboard."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.accounts.models import User
from procure.suppliers.models import Supplier, SupplierStatus
from procure.tenders.models import Tender, TenderStatus


def facilitator_counts(session: Session) -> dict[str, int]:
    def count(stmt) -> int:
        return int(session.scalar(stmt) or 0)

    return {
        "suppliers_pending": count(
            select(func.count(Supplier.id)).where(Supplier.status == SupplierStatus.PENDING)
        ),
        "suppliers_verified": count(
            select(func.count(Supplier.id)).where(Supplier.status == SupplierStatus.VERIFIED)
        ),
        "tenders_submitted": count(
            select(func.count(Tender.id)).where(Tender.status == TenderStatus.SUBMITTED)
        ),
        "tenders_open": count(
            select(func.count(Tender.id)).where(Tender.status == TenderStatus.OPEN)
        ),
        "users": count(select(func.count(User.id))),
    }
