"""The demo registry: every row of the demo file lands, and the Ecosec user is Ecosec's."""

from sqlalchemy import func, select

from procure.demo.loader import DEMO_PASSWORD
from procure.extensions import db
from procure.suppliers.demo import load_demo_suppliers
from procure.suppliers.models import Supplier, SupplierStatus
from tests.conftest import login


def test_demo_suppliers_load_once_and_ecosec_signs_in(client, app_ctx):
    assert load_demo_suppliers(db.session, DEMO_PASSWORD) == "suppliers=49"
    db.session.commit()
    assert load_demo_suppliers(db.session, DEMO_PASSWORD) == "suppliers=0"
    db.session.commit()
    counts = dict(
        db.session.execute(select(Supplier.status, func.count()).group_by(Supplier.status)).all()
    )
    assert counts == {
        SupplierStatus.VERIFIED: 45,
        SupplierStatus.PENDING: 3,
        SupplierStatus.REJECTED: 1,
    }
    login(client, "contact@ecosec.example.fr", "demo-procure-2026")
    page = client.get("/suppliers/mine", follow_redirects=True).get_data(as_text=True)
    assert "Ecosec" in page and "toilettes sèches" in page
