"""The shortlists' index follows a bulk change without a rebuild, and never lags on removals.

A background import commits thousands of suppliers per batch; the index of a web worker must
not be rebuilt inside a shortlist request because of it (a rebuild of 225,000 suppliers took
about 25 s), yet a supplier rejected meanwhile must never be shortlisted.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import insert

from procure.domain.localtime import utcnow
from procure.extensions import db
from procure.matching import service
from procure.matching.index import MatchIndex
from procure.suppliers.models import Supplier, SupplierArea, SupplierStatus
from tests.factories import make_siret, make_supplier, make_tender

BULK = 1_200  # more than one chunk of patch work, and more than the former PATCH_LIMIT
FIRST_ID = 500_000
GREEN = "Entretien des espaces verts : tonte, taille de haies, élagage et débroussaillage."


def _bulk_verified(count: int) -> None:
    """What one import batch commits: many verified suppliers sharing one `updated_at`."""
    now = utcnow()
    rows = []
    for i in range(count):
        siret = make_siret(FIRST_ID + i)
        rows.append(
            {
                "id": FIRST_ID + i,
                "siret": siret,
                "siren": siret[:9],
                "name": f"Jardin Neuf {i:04d}",
                "legal_form": "association",
                "description": GREEN,
                "search_text": "",
                "cpv_codes": [],
                "status": SupplierStatus.VERIFIED,
                "created_at": now,
                "updated_at": now,
            }
        )
    db.session.execute(insert(Supplier), rows)
    db.session.execute(
        insert(SupplierArea),
        [{"supplier_id": FIRST_ID + i, "department": "34"} for i in range(count)],
    )
    db.session.commit()


@pytest.fixture
def builds(monkeypatch):
    """Counts full index builds."""
    service.forget_index()
    counted: list[int] = []
    original = MatchIndex.build.__func__  # type: ignore[attr-defined]

    def counting(cls, docs):
        counted.append(1)
        return original(cls, docs)

    monkeypatch.setattr(MatchIndex, "build", classmethod(counting))
    monkeypatch.setattr(service, "PATCH_SECONDS", 0.0)  # one chunk of patch work per call
    yield counted
    service.forget_index()


def _names(tender) -> list[str]:
    db.session.rollback()  # a fresh snapshot, as a new request has
    return [m.name for m in service.shortlist(db.session, tender, limit=20)]


def test_bulk_change_is_followed_without_rebuild_and_rejections_apply_at_once(app_ctx, builds):
    jardins = make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    assert "ESAT Les Jardins" in _names(tender)
    assert len(builds) == 1

    _bulk_verified(BULK)
    jardins.status = SupplierStatus.REJECTED  # a second after the import's batch
    db.session.commit()

    first = _names(tender)
    assert len(builds) == 1, "a shortlist rebuilt the whole index after a bulk change"
    assert "ESAT Les Jardins" not in first  # removed before the index caught up
    lagging = len(service.registry_index(db.session))
    assert lagging < BULK, "more than the bounded patch work was done in one call"
    assert any(name.startswith("Jardin Neuf") for name in first)

    # One of the suppliers already shortlisted is rejected while the index still lags.
    shown = next(name for name in first if name.startswith("Jardin Neuf"))
    rejected = db.session.query(Supplier).filter_by(name=shown).one()
    rejected.status = SupplierStatus.REJECTED
    db.session.commit()
    assert shown not in _names(tender)

    for _ in range(BULK // service.PATCH_CHUNK + 2):
        names = _names(tender)
        assert shown not in names and "ESAT Les Jardins" not in names
    index = service.registry_index(db.session)
    assert len(index) == BULK - 1  # every new verified supplier, none of the rejected two
    assert len(builds) == 1
    last = db.session.query(Supplier).filter_by(name=f"Jardin Neuf {BULK - 1:04d}").one()
    assert last.id in index.row_of


def test_a_worker_adopts_the_index_the_import_published(app_ctx, builds):
    """After a bulk import its process rebuilds and shares the index (publish_index): a web
    worker whose index lags loads that file at its next call instead of following."""
    make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    _names(tender)
    _bulk_verified(BULK)
    _names(tender)  # this worker follows a chunk of the change
    worker = dict(service._cache)
    assert len(service.registry_index(db.session)) < BULK

    assert service.publish_index(db.session) == BULK + 1  # in the import's process
    service._cache.update(worker)
    for _ in range(100):  # loaded beside the requests, then swapped in
        _names(tender)
        index = service.registry_index(db.session)
        if len(index) == BULK + 1:
            break
        time.sleep(0.05)
    assert len(index) == BULK + 1
    assert all(index is not lagging.index for lagging in worker.values())  # replaced
    assert len(builds) == 2  # the first build and the publication: none in the worker
    assert FIRST_ID + BULK - 1 in index.row_of
