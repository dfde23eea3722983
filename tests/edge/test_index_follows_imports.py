"""The shortlists' index follows a bulk change off the requests, and never lags on removals.

A background import commits thousands of suppliers per batch; the index of a web worker must
neither be rebuilt nor caught up inside a shortlist request because of it (a rebuild of
225,000 suppliers took about 25 s; catching up inside requests cost them 60-300 ms each): the
process's follower thread does it. Yet a supplier rejected meanwhile must never be
shortlisted, even while that thread lags behind.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import insert, update

from procure.domain.localtime import utcnow
from procure.extensions import db
from procure.matching import service
from procure.matching.index import MatchIndex
from procure.suppliers.models import Supplier, SupplierArea, SupplierStatus
from tests.factories import make_siret, make_supplier, make_tender

BULK = 1_200  # many chunks of catch-up work, far more than a request applies itself
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
    """Counts full index builds, and loads of a published index."""
    service.forget_index()
    counted: list[str] = []
    build = MatchIndex.build.__func__  # type: ignore[attr-defined]
    load = MatchIndex.load.__func__  # type: ignore[attr-defined]

    def counting_build(cls, docs):
        counted.append("build")
        return build(cls, docs)

    def counting_load(cls, path):
        counted.append("load")
        return load(cls, path)

    monkeypatch.setattr(MatchIndex, "build", classmethod(counting_build))
    monkeypatch.setattr(MatchIndex, "load", classmethod(counting_load))
    yield counted
    service.forget_index()


def _names(tender) -> list[str]:
    db.session.rollback()  # a fresh snapshot, as a new request has
    return [m.name for m in service.shortlist(db.session, tender, limit=20)]


def test_a_shortlist_leaves_the_backlog_to_the_thread_and_never_shows_a_rejected_supplier(
    app_ctx, builds
):
    jardins = make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    assert "ESAT Les Jardins" in _names(tender)
    assert builds == ["build"]

    with service.follower_paused():  # the thread lags: the calls below rank without it
        _bulk_verified(BULK)
        jardins.status = SupplierStatus.REJECTED  # a second after the import's batch
        db.session.commit()
        for _ in range(3):
            names = _names(tender)
            assert "ESAT Les Jardins" not in names  # removed by the call itself
            assert not any(name.startswith("Jardin Neuf") for name in names)  # not applied
        assert len(service.registry_index(db.session)) == 0
        assert builds == ["build"], "a shortlist rebuilt the whole index after a bulk change"

    index = service.catch_up(db.session)  # what the thread does, here and now
    assert len(index) == BULK
    names = _names(tender)
    assert any(name.startswith("Jardin Neuf") for name in names)

    # One of the suppliers shown is rejected while the thread lags on a new batch.
    shown = next(name for name in names if name.startswith("Jardin Neuf"))
    with service.follower_paused():
        db.session.execute(
            update(Supplier).where(Supplier.id >= FIRST_ID).values(updated_at=utcnow())
        )
        rejected = db.session.query(Supplier).filter_by(name=shown).one()
        rejected.status = SupplierStatus.REJECTED
        db.session.commit()
        assert shown not in _names(tender)
    index = service.catch_up(db.session)
    assert shown not in _names(tender) and "ESAT Les Jardins" not in _names(tender)
    assert len(index) == BULK - 1  # every new verified supplier, none of the rejected two
    assert builds == ["build"]


def test_the_thread_catches_up_by_itself(app_ctx, builds):
    make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    _names(tender)
    _bulk_verified(BULK)
    _names(tender)  # sees the change and wakes the thread
    assert service.follower_idle(), "the follower thread did not catch up"
    index = service.registry_index(db.session)
    assert len(index) == BULK + 1
    assert FIRST_ID + BULK - 1 in index.row_of
    assert builds == ["build"]


def test_a_catch_up_that_read_a_supplier_before_its_rejection_does_not_put_it_back(app_ctx, builds):
    """The thread reads a chunk, a request removes a supplier of it that was just rejected,
    then the thread applies the chunk: the supplier stays out."""
    make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    _names(tender)
    regie = make_supplier("Régie Verte", GREEN, ["34"], kinds=["EI"])
    url = service._url(db.session)
    cached = service._cache[url]
    read_at = time.monotonic()
    doc = service._current_docs(db.session, [regie.id])[regie.id]  # read while verified
    with service.follower_paused():
        regie.status = SupplierStatus.REJECTED
        db.session.commit()
        db.session.rollback()
        service._quick_check(db.session, cached)  # what every request does first
        service._apply(cached, regie.id, doc, read_at, None)  # the thread's late write
    assert regie.id not in cached.index.row_of
    assert "Régie Verte" not in _names(tender)


def test_a_worker_adopts_the_index_the_import_published(app_ctx, builds):
    """After a bulk import its process rebuilds and shares the index (publish_index): a web
    worker whose index lags loads that file instead of following the change row by row."""
    jardins = make_supplier("ESAT Les Jardins", GREEN, ["34"], kinds=["ESAT"])
    tender = make_tender("Entretien des espaces verts du parc", GREEN, ["34"])
    _names(tender)
    with service.follower_paused():
        _bulk_verified(BULK)
        _names(tender)
        worker = dict(service._cache)
        assert len(service.registry_index(db.session)) < BULK

        assert service.publish_index(db.session) == BULK + 1  # in the import's process
        service._cache.update(worker)
    index = service.catch_up(db.session)  # the thread's step: loads the file, swaps it in
    assert len(index) == BULK + 1
    assert builds == ["build", "build", "load"]  # the first, the publication, the adoption
    assert FIRST_ID + BULK - 1 in index.row_of and jardins.id in index.row_of
