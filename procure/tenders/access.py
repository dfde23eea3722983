"""Who may see which tender: the one rule, read by every page, the API and the matcher.

- a facilitator sees every tender;
- a buyer sees the tenders of their organisation, whatever their status;
- a supplier's user sees published tenders (open, or closed after being open) once their
  structure is verified: never a draft, a submitted or a rejected tender;
- anyone else sees none.

A tender outside the rule does not exist for that user: callers answer 404, not 403, so a
reference cannot be probed. Roles that may not open a page at all (a pending supplier on a
tender page) are refused earlier, by the view's own role check.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from procure.accounts.models import Role, User
from procure.suppliers.models import SupplierStatus
from procure.tenders.models import Tender, TenderStatus

PUBLISHED = frozenset({TenderStatus.OPEN, TenderStatus.CLOSED})


def supplier_may_read_tenders(user: User) -> bool:
    """A supplier's user whose structure a facilitator has verified."""
    supplier = user.supplier if user.role == Role.SUPPLIER else None
    return supplier is not None and supplier.status == SupplierStatus.VERIFIED


def visible_to(user: User, *, manage: bool = False) -> Select[Tender]:
    """The tenders `user` may see (see the module docstring); with `manage`, only those
    they may act on as the buyer does (edit, submit, close, shortlist): a supplier none."""
    stmt = select(Tender)
    if user.role == Role.ADMIN:
        return stmt
    if user.role == Role.BUYER and user.organisation_id is not None:
        return stmt.where(Tender.organisation_id == user.organisation_id)
    if not manage and supplier_may_read_tenders(user):
        return stmt.where(Tender.status.in_(PUBLISHED))
    return stmt.where(false())


def tender_for(
    session: Session,
    user: User,
    reference: str,
    *,
    manage: bool = False,
    options: Sequence[ORMOption] = (),
) -> Tender | None:
    """The tender named `reference` if `user` may see it (or manage it), else None (the
    caller answers 404: a tender outside the rule does not exist for this user). `options`
    (loader options) may load its relationships in the same query."""
    stmt = visible_to(user, manage=manage).where(Tender.reference == reference)
    return session.scalars(stmt.options(*options)).unique().first()
