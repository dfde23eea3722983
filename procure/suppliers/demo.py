"""The demo's suppliers: `procure/demo/data/suppliers.csv` through the real importer.

The first eight rows are real organisations of the Montpellier area described from public
facts only, with fictitious SIRET numbers (Luhn-valid, made up); the others are invented.
A few invented ones are left pending or rejected so that the facilitator has work to show.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.accounts import services as accounts
from procure.accounts.models import Role
from procure.suppliers.csvfile import open_csv
from procure.suppliers.importer import import_suppliers
from procure.suppliers.models import Supplier, SupplierStatus
from procure.suppliers.services import Actor, set_status

DATA = Path(__file__).resolve().parent.parent / "demo" / "data"
SUPPLIER_USER = ("contact@ecosec.example.fr", "Équipe Ecosec", "Ecosec")

DEMO = Actor(None, "demo")
PENDING = ("Couveuse Indépendants Solidaires", "Sun & Share Energy", "Accueil Paysan Lozère")
REJECTED = {
    "Pressing Vert Solidaire": "Agrément d'entreprise d'insertion non fourni : joignez la "
    "convention en cours avec l'État (DREETS) et nous vérifierons à nouveau."
}


def load_demo_suppliers(session: Session, password: str) -> str:
    """Import the demo suppliers not yet in the registry; attach the demo supplier user
    (signing in with the demo's `password`)."""
    known = set(session.scalars(select(Supplier.siret)))
    with open_csv((DATA / "suppliers.csv").open("rb")) as source:
        rows = (r for r in source.rows if r.values.get("siret", "").strip() not in known)
        report = import_suppliers(session, rows, DEMO)
    new = session.scalars(select(Supplier).where(Supplier.siret.not_in(known))).all()
    for supplier in new:
        if supplier.name in PENDING:
            set_status(session, supplier, SupplierStatus.PENDING, DEMO)
        elif supplier.name in REJECTED:
            set_status(session, supplier, SupplierStatus.REJECTED, DEMO, REJECTED[supplier.name])
    email, name, supplier_name = SUPPLIER_USER
    if accounts.find_user(session, email) is None:
        owner = session.scalar(select(Supplier).where(Supplier.name == supplier_name))
        accounts.create_user(
            session,
            email,
            password,
            Role.SUPPLIER,
            name=name,
            supplier_id=owner.id if owner else None,
        )
    return f"suppliers={report.imported}"
