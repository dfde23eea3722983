"""Who may see which contracts: a buyer its organisation's, a facilitator all."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from procure.accounts.models import User
from procure.spaser.models import Contract
from procure.tenders.models import Tender


def buyer_scope(user: User, requested: str | None) -> str | None:
    """The buyer SIRET the figures are for: a buyer's own (whatever it asks), the one a
    facilitator asks for, or None (every buyer) for a facilitator who asks none."""
    if user.is_admin:
        return (requested or "").strip() or None
    org = user.organisation
    return (org.siret if org else None) or "-"


def may_see(session: Session, user: User, contract: Contract) -> bool:
    if user.is_admin:
        return True
    org = user.organisation
    if org is None:
        return False
    if org.siret and contract.buyer_siret == org.siret:
        return True
    if contract.tender_id is None:
        return False
    owner = session.scalar(select(Tender.organisation_id).where(Tender.id == contract.tender_id))
    return owner == org.id


def visible_contracts(user: User):
    stmt = select(Contract)
    if user.is_admin:
        return stmt
    org = user.organisation
    if org is None:
        return stmt.where(Contract.id == -1)
    own_tenders = select(Tender.id).where(Tender.organisation_id == org.id)
    return stmt.where(
        or_(Contract.buyer_siret == (org.siret or "-"), Contract.tender_id.in_(own_tenders))
    )
