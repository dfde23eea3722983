"""Most shortlists check the registry with two index lookups, without counting it.

The verified count (proportional to the registry) runs only at the next change or after
RECHECK_SECONDS; a supplier that stopped being verified is still removed at the very call,
even when its change was committed after a newer one had been seen.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, update

from procure.extensions import db
from procure.matching import service
from procure.suppliers.models import Supplier, SupplierStatus
from tests.factories import make_supplier, make_tender

GREEN = "Entretien des espaces verts : tonte, taille de haies, élagage et débroussaillage."


@pytest.fixture
def statements(app_ctx):
    """The SQL statements run on the database, lowered."""
    service.forget_index()
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement.lower())

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)
    service.forget_index()


def _names(tender) -> list[str]:
    db.session.rollback()  # a fresh snapshot, as a new request has
    return [m.name for m in service.shortlist(db.session, tender, limit=20)]


def _set_status_written_at(supplier_id: int, status: SupplierStatus, at) -> None:
    """A change whose `updated_at` is older than the newest one already seen: what a
    transaction that wrote before another but committed after it leaves behind."""
    db.session.execute(
        update(Supplier).where(Supplier.id == supplier_id).values(status=status, updated_at=at)
    )
    db.session.commit()


def test_an_unchanged_registry_is_not_counted_and_a_change_is_seen(statements):
    make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    assert _names(tender) == ["ESAT Les Jardins"]

    statements.clear()
    assert _names(tender) == ["ESAT Les Jardins"]
    assert statements, "the registry was not checked at all"
    assert not any("count(" in s for s in statements)

    make_supplier("Régie Verte", GREEN, ["34"], kinds=["EI"])
    assert sorted(_names(tender)) == ["ESAT Les Jardins", "Régie Verte"]


def test_a_late_rejection_is_removed_at_once_without_a_count(statements):
    jardins = make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    make_supplier("Régie Verte", GREEN, ["34"], kinds=["EI"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    assert sorted(_names(tender)) == ["ESAT Les Jardins", "Régie Verte"]
    newest = db.session.scalar(db.select(db.func.max(Supplier.updated_at)))

    _set_status_written_at(jardins.id, SupplierStatus.REJECTED, newest - timedelta(seconds=5))
    statements.clear()
    assert _names(tender) == ["Régie Verte"]
    assert not any("count(" in s for s in statements)  # the cheap check removed it


def test_a_late_approval_is_seen_at_the_next_count(statements, monkeypatch):
    late = make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    late.status = SupplierStatus.PENDING
    db.session.commit()
    make_supplier("Régie Verte", GREEN, ["34"], kinds=["EI"])  # the newest change
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    monkeypatch.setattr(service, "RECHECK_SECONDS", 3600.0)
    assert _names(tender) == ["Régie Verte"]
    newest = db.session.scalar(db.select(db.func.max(Supplier.updated_at)))

    _set_status_written_at(late.id, SupplierStatus.VERIFIED, newest - timedelta(seconds=5))
    assert _names(tender) == ["Régie Verte"]  # not counted yet: the newest change is the same
    monkeypatch.setattr(service, "RECHECK_SECONDS", 0.0)
    assert sorted(_names(tender)) == ["ESAT Les Jardins", "Régie Verte"]
