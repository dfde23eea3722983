"""The one visibility rule for tenders, for every role and status."""

from __future__ import annotations

from procure.accounts.models import Role
from procure.extensions import db
from procure.suppliers.models import SupplierStatus
from procure.tenders import access
from tests.factories import make_admin, make_buyer, make_supplier, make_tender, make_user

STATUSES = ("draft", "submitted", "rejected", "open", "closed")


def _seen(user, manage: bool = False) -> set[str]:
    return {t.reference for t in db.session.scalars(access.visible_to(user, manage=manage))}


def test_who_sees_which_tender(app_ctx):
    for status in STATUSES:
        make_tender("Marché", "Besoin", ["34"], reference=f"OWN-{status}", status=status,
                    organisation="Ville de Lunel")  # fmt: skip
        make_tender("Marché", "Besoin", ["30"], reference=f"OTHER-{status}", status=status,
                    organisation="Ville de Nîmes")  # fmt: skip
    buyer = make_buyer(organisation="Ville de Lunel")
    admin = make_admin()
    verified = make_supplier("Vérifiée", "Espaces verts", ["34"])
    pending = make_supplier("En attente", "Espaces verts", ["34"], status=SupplierStatus.PENDING)
    rejected = make_supplier("Refusée", "Espaces verts", ["34"], status=SupplierStatus.PENDING)
    rejected.status = SupplierStatus.REJECTED
    db.session.commit()
    reader = make_user(Role.SUPPLIER, supplier_id=verified.id)
    waiting = make_user(Role.SUPPLIER, supplier_id=pending.id)
    refused = make_user(Role.SUPPLIER, supplier_id=rejected.id)
    orphan = make_user(Role.SUPPLIER)

    everything = {f"{o}-{s}" for o in ("OWN", "OTHER") for s in STATUSES}
    assert _seen(admin) == _seen(admin, manage=True) == everything
    own = {f"OWN-{s}" for s in STATUSES}
    assert _seen(buyer) == _seen(buyer, manage=True) == own
    published = {f"{o}-{s}" for o in ("OWN", "OTHER") for s in ("open", "closed")}
    assert _seen(reader) == published
    assert _seen(reader, manage=True) == set()  # reads, never acts as a buyer
    for user in (waiting, refused, orphan):
        assert _seen(user) == set()
    assert access.tender_for(db.session, reader, "OTHER-draft") is None
    assert access.tender_for(db.session, reader, "OTHER-open").reference == "OTHER-open"
