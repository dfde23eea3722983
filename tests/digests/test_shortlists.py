"""Shortlists ranked once per tender, in forked workers or not, give the same lists."""

from __future__ import annotations

from procure.digests.shortlists import ShortlistCache
from procure.extensions import db
from tests.factories import make_buyer, make_supplier, make_tender


def test_forked_workers_rank_like_one_process_and_longer_lists_serve_shorter(app_ctx):
    make_supplier("Les Jardins de Cocagne")
    make_supplier("Jardins du Lez", departments=("34", "30"))
    make_supplier("Menuiserie solidaire", description="Menuiserie et agencement bois.")
    buyer = make_buyer()
    tenders = [
        make_tender(buyer=buyer, title=f"Entretien des espaces verts, secteur {i}")
        for i in range(60)
    ]
    db.session.commit()

    serial = ShortlistCache(db.session, workers=1)
    serial.prefetch(tenders, 30)
    forked = ShortlistCache(db.session, workers=2)
    forked.prefetch(tenders, 30)
    for tender in tenders:
        assert forked.get(tender, 30) == serial.get(tender, 30)
    first = serial.get(tenders[0], 30)
    assert first and first[0].name == "Les Jardins de Cocagne"
    assert serial.get(tenders[0], 1) == first[:1]  # served from the longer list
