"""Registry operations as plain functions over a session; the caller commits.

Every change of status or of a field that decides eligibility (kinds, legal form, ESUS,
area) writes an audit row with who and when, and every change bumps `updated_at`, which is
how the matcher's cache notices the registry moved.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.accounts.models import Role, User
from procure.domain.text import normalise
from procure.events import supplier_status_changed
from procure.suppliers.models import Supplier, SupplierAudit, SupplierStatus
from procure.suppliers.validation import SupplierData
from procure.timeutil import utcnow

ELIGIBILITY_FIELDS = ("legal_form", "inclusion_kinds", "esus", "departments")
DATA_FIELDS = tuple(f for f in SupplierData.__dataclass_fields__ if f != "siret")


def capabilities_text(description: str) -> str:
    """The description as the matcher reads text (accents and case folded, elisions
    expanded, letters and digits only), stored at write time so that neither the matcher
    nor the text search normalises at read time."""
    return normalise(description)


@dataclass(frozen=True)
class Actor:
    """Who made a change: a user, or a process such as the import command."""

    user_id: int | None
    label: str

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.email)


IMPORT = Actor(None, "import")


def find_by_siret(session: Session, siret: str) -> Supplier | None:
    return session.scalar(select(Supplier).where(Supplier.siret == siret))


def current_values(supplier: Supplier) -> dict[str, Any]:
    """The supplier's data fields as `SupplierData` holds them (for diffs and forms)."""
    values = {name: getattr(supplier, name) for name in DATA_FIELDS}
    values["cpv_codes"] = list(supplier.cpv_codes or [])
    return values


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field that differs."""
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


def eligibility_changes(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {k: v for k, v in changes.items() if k in ELIGIBILITY_FIELDS}


def add_audit(
    session: Session, supplier_id: int, actor: Actor, action: str, changes: dict[str, Any]
) -> SupplierAudit:
    audit = SupplierAudit(
        supplier_id=supplier_id,
        user_id=actor.user_id,
        actor=actor.label,
        action=action,
        changes=changes,
    )
    session.add(audit)
    return audit


def _apply(supplier: Supplier, data: SupplierData) -> None:
    for name in DATA_FIELDS:
        setattr(supplier, name, getattr(data, name))
    supplier.search_text = capabilities_text(data.description)
    supplier.updated_at = utcnow()


def create_supplier(
    session: Session,
    data: SupplierData,
    actor: Actor,
    status: SupplierStatus = SupplierStatus.PENDING,
) -> Supplier:
    supplier = Supplier(siret=data.siret, siren=data.siren, status=status)
    _apply(supplier, data)
    session.add(supplier)
    session.flush()
    values = asdict(data)
    audit = {k: values[k] for k in ELIGIBILITY_FIELDS}
    audit["status"] = str(status)
    add_audit(session, supplier.id, actor, "create", audit)
    return supplier


def register_supplier(session: Session, data: SupplierData, user: User) -> Supplier:
    """A supplier's own sign-up: a pending record the user now belongs to."""
    supplier = create_supplier(session, data, Actor.of(user))
    user.supplier_id = supplier.id
    session.flush()
    return supplier


def update_supplier(
    session: Session, supplier: Supplier, data: SupplierData, actor: Actor, by_owner: bool
) -> dict[str, list[Any]]:
    """Apply new data; return the changes. When the supplier itself changes an eligibility
    field of a verified record, the record goes back to pending: a facilitator must check
    the new claim before the matcher trusts it. A rejected record that its supplier corrects
    goes back to pending too: that is how it asks for a new verification."""
    changes = diff(current_values(supplier), {n: getattr(data, n) for n in DATA_FIELDS})
    if not changes:
        return changes
    _apply(supplier, data)
    audit = eligibility_changes(changes)
    resubmitted = supplier.status == SupplierStatus.REJECTED
    if by_owner and supplier.status != SupplierStatus.PENDING and (audit or resubmitted):
        audit["status"] = [str(supplier.status), str(SupplierStatus.PENDING)]
        supplier.status = SupplierStatus.PENDING
        supplier.rejection_reason = ""
    if audit:
        add_audit(session, supplier.id, actor, "update", audit)
    session.flush()
    return changes


def set_status(
    session: Session, supplier: Supplier, status: SupplierStatus, actor: Actor, reason: str = ""
) -> None:
    """Verify or reject (with a reason the supplier sees), or put back to pending."""
    reason = reason.strip() if status == SupplierStatus.REJECTED else ""
    if supplier.status == status and supplier.rejection_reason == reason:
        return
    changes: dict[str, Any] = {"status": [str(supplier.status), str(status)]}
    if reason:
        changes["reason"] = reason
    supplier.status = status
    supplier.rejection_reason = reason
    supplier.updated_at = utcnow()
    audit = add_audit(session, supplier.id, actor, "status", changes)
    session.flush()
    supplier_status_changed.send(session, supplier=supplier, audit=audit)


def audit_trail(session: Session, supplier: Supplier) -> list[SupplierAudit]:
    return list(
        session.scalars(
            select(SupplierAudit)
            .where(SupplierAudit.supplier_id == supplier.id)
            .order_by(SupplierAudit.created_at.desc(), SupplierAudit.id.desc())
        )
    )


def can_edit(user: User, supplier: Supplier) -> bool:
    """Facilitators edit any record; a supplier's user only its own."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.SUPPLIER and user.supplier_id == supplier.id
