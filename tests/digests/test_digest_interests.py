"""A buyer's digest says which structures became interested since the last one, and why."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from procure.digests import building
from procure.digests.periods import week_key
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.tenders.models import Answer, Interest
from procure.timeutil import utcnow
from tests.factories import make_buyer, make_supplier, make_tender

SECTION = "== Se sont dits intéressés depuis votre dernier récapitulatif =="


def _section(text: str) -> str:
    if SECTION not in text:
        return ""
    return text.split(SECTION, 1)[1].split("\n== ", 1)[0]


def test_only_the_structures_interested_since_the_last_digest_are_news(app_ctx):
    buyer = make_buyer()
    tender = make_tender(buyer=buyer, title="Entretien des parcs")
    early = make_supplier("Les Jardins de Cocagne", kinds=("ACI",))
    late = make_supplier("Jardins du Lez", kinds=("ACI",))
    cold = make_supplier("Espaces Verts Solidaires", kinds=("ACI",))
    last_week = utcnow() - timedelta(days=7)
    db.session.add(Interest(supplier_id=early.id, tender_id=tender.id,
                            answer=Answer.INTERESTED, answered_at=last_week - timedelta(days=1),
                            reason="Déjà sur place"))  # fmt: skip
    db.session.commit()
    building.queue_digests(db.session, last_week)
    first = db.session.scalar(select(OutboxMessage))
    # The first digest lists every interested structure, with its reason.
    assert "== Se sont dits intéressés ==" in first.text
    assert "Les Jardins de Cocagne\u00a0: « Déjà sur place »" in first.text
    db.session.execute(
        OutboxMessage.__table__.update().values(created_at=last_week - timedelta(hours=1))
    )
    db.session.add_all([
        Interest(supplier_id=late.id, tender_id=tender.id, answer=Answer.INTERESTED,
                 reason="Une équipe libre au printemps"),
        Interest(supplier_id=cold.id, tender_id=tender.id, answer=Answer.NOT_INTERESTED,
                 reason="Trop loin"),
    ])  # fmt: skip
    db.session.commit()
    assert building.queue_digests(db.session, utcnow()) == 1
    this_week = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.period == week_key(utcnow()))
    )
    news = _section(this_week.text)
    assert "Entretien des parcs" in news
    assert "Jardins du Lez\u00a0: « Une équipe libre au printemps »" in news
    assert "Les Jardins de Cocagne" not in news  # told last week already
    assert "Espaces Verts Solidaires" not in news and "Trop loin" not in news
    assert "Une équipe libre au printemps" in this_week.html


def test_no_section_when_nobody_became_interested(app_ctx):
    buyer = make_buyer()
    make_tender(buyer=buyer, title="Entretien des parcs")
    make_supplier("Les Jardins de Cocagne", kinds=("ACI",))
    db.session.commit()
    building.queue_digests(db.session, utcnow())
    text = db.session.scalar(select(OutboxMessage.text))
    assert "Se sont dits intéressés" not in text
