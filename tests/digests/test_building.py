"""What a buyer's digest and a supplier's alert say, in which language, and how often."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from procure.digests import alerts, building
from procure.digests.models import AlertedTender, MessageKind
from procure.digests.periods import day_key, week_key
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.suppliers.models import SupplierStatus
from procure.tenders.models import Answer, Interest, TenderStatus
from procure.timeutil import utcnow
from tests.digests.conftest import make_supplier_user
from tests.factories import make_buyer, make_supplier, make_tender


def _digest_for(user_id: int) -> OutboxMessage:
    return db.session.scalar(
        select(OutboxMessage).where(
            OutboxMessage.user_id == user_id, OutboxMessage.kind == MessageKind.DIGEST
        )
    )


def test_digest_lists_each_open_tender_with_its_shortlist_reasons_and_link(app_ctx):
    good = make_supplier("Les Jardins de Cocagne")
    make_supplier("Menuiserie solidaire", description="Menuiserie, ébénisterie, agencement.")
    buyer = make_buyer("claire@montpellier.example.fr", organisation="Montpellier Métropole")
    tender = make_tender(
        "Entretien des espaces verts",
        buyer=buyer,
        reference="MTP-2026-01",
        deadline=date.today() + timedelta(days=5),
    )
    make_tender(buyer=buyer, title="Marché fermé", status=TenderStatus.CLOSED)
    db.session.add(Interest(supplier_id=good.id, tender_id=tender.id, answer=Answer.INTERESTED))
    db.session.commit()

    assert building.queue_digests(db.session, utcnow()) == 1
    message = _digest_for(buyer.id)
    assert message.period == week_key(utcnow())
    text = message.text
    assert "Entretien des espaces verts" in text and "Marché fermé" not in text
    assert "Les Jardins de Cocagne" in text
    assert "Intervient" in text  # the matcher's reasons travel with each supplier
    assert "http://localhost/tenders/MTP-2026-01/shortlist" in text
    assert "Dates limites proches" in text
    assert "Se sont dits intéressés\u00a0: Les Jardins de Cocagne" in text
    assert 'href="http://localhost/tenders/MTP-2026-01/shortlist"' in message.html
    assert "style=" in message.html and "<style" not in message.html  # CSS inlined
    assert message.payload["tenders"][str(tender.id)][0] == good.id
    # Another run this week queues nothing more.
    assert building.queue_digests(db.session, utcnow()) == 0


def test_user_content_is_escaped_in_html_and_plain_in_text(app_ctx):
    make_supplier()
    buyer = make_buyer()
    buyer.name = "<b>Léa</b>"
    make_tender(buyer=buyer, title="Espaces verts <script>alert(1)</script>")
    db.session.commit()
    building.queue_digests(db.session, utcnow())
    message = _digest_for(buyer.id)
    assert "<script>" not in message.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in message.html
    assert "Espaces verts <script>alert(1)</script>" in message.text
    assert "Bonjour &lt;b&gt;Léa&lt;/b&gt;," in message.html and "<b>Léa" not in message.html


def test_digest_is_in_the_users_language(app_ctx):
    make_supplier()
    buyer_fr = make_buyer(organisation="Ville A")
    buyer_en = make_buyer(organisation="Ville B")
    buyer_en.language = "en"
    deadline = date(2027, 3, 15)
    make_tender(buyer=buyer_fr, deadline=deadline)
    make_tender(buyer=buyer_en, deadline=deadline)
    db.session.commit()
    building.queue_digests(db.session, utcnow())
    assert "15 mars 2027" in _digest_for(buyer_fr.id).text
    english = _digest_for(buyer_en.id)
    assert "March 15, 2027" in english.text
    assert '<html lang="en">' in english.html


def test_next_digest_says_what_is_new_since_the_last_one(app_ctx):
    make_supplier("Les Jardins de Cocagne")
    buyer = make_buyer()
    make_tender(buyer=buyer, title="Entretien des parcs")
    db.session.commit()
    last_week = utcnow() - timedelta(days=7)
    building.queue_digests(db.session, last_week)
    db.session.execute(
        OutboxMessage.__table__.update().values(created_at=last_week - timedelta(hours=1))
    )
    make_supplier("Jardins du Lez")
    make_tender(buyer=buyer, title="Fauchage des bords de route")
    db.session.commit()
    from procure.matching.service import forget_index

    forget_index()
    assert building.queue_digests(db.session, utcnow()) == 1
    this_week = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.period == week_key(utcnow()))
    )
    news = this_week.text.split("== Dates limites")[0].split("== Vos marchés")[0]
    assert "Nouveau depuis votre dernier récapitulatif" in news
    assert "Fauchage des bords de route" in news and "nouveau marché" in news
    assert "Jardins du Lez" in news


def test_buyers_who_opted_out_or_have_no_open_tender_get_nothing(app_ctx):
    make_supplier()
    off = make_buyer(organisation="Ville A")
    off.digest_frequency = "off"
    make_tender(buyer=off)
    make_buyer(organisation="Ville sans marché")
    db.session.commit()
    assert building.queue_digests(db.session, utcnow()) == 0


def test_alert_announces_new_fitting_tenders_once_with_signed_answer_links(app_ctx):
    supplier = make_supplier("Les Jardins de Cocagne")
    user = make_supplier_user(supplier, "contact@cocagne.example.fr")
    unverified = make_supplier("Pas encore vérifiée", status=SupplierStatus.PENDING)
    make_supplier_user(unverified)
    buyer = make_buyer(organisation="Ville de Sète")
    tender = make_tender(buyer=buyer, title="Tonte et taille de haies", reference="SETE-1")
    make_tender(buyer=buyer, title="Ancien marché", opened_days_ago=60)
    db.session.commit()

    assert alerts.queue_alerts(db.session, utcnow()) == 1
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "alert"))
    assert message.user_id == user.id
    assert "Tonte et taille de haies" in message.text and "Ville de Sète" in message.text
    assert "Ancien marché" not in message.text
    assert message.text.count("http://localhost/notifications/interest/") == 2
    pairs = db.session.execute(select(AlertedTender.user_id, AlertedTender.tender_id)).all()
    assert pairs == [(user.id, tender.id)]

    # Next week: the same tender is never announced again; a new one is.
    next_week = utcnow() + timedelta(days=7)
    assert alerts.queue_alerts(db.session, next_week) == 0
    make_tender(buyer=buyer, title="Débroussaillage des talus", reference="SETE-2")
    db.session.commit()
    from procure.matching.service import forget_index

    forget_index()
    assert alerts.queue_alerts(db.session, next_week) == 1
    second = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.period == week_key(next_week))
    )
    assert "Débroussaillage des talus" in second.text
    assert "Tonte et taille de haies" not in second.text


def test_daily_suppliers_get_at_most_one_alert_a_day(app_ctx):
    supplier = make_supplier()
    user = make_supplier_user(supplier)
    user.digest_frequency = "daily"
    buyer = make_buyer()
    make_tender(buyer=buyer, title="Tonte des pelouses")
    db.session.commit()
    assert alerts.queue_alerts(db.session, utcnow()) == 1
    row = db.session.scalar(select(OutboxMessage))
    assert row.period == day_key(utcnow())
    make_tender(buyer=buyer, title="Taille de haies")
    db.session.commit()
    assert alerts.queue_alerts(db.session, utcnow()) == 0


def test_rendering_an_english_mail_leaves_the_web_pages_in_french(app_ctx, client):
    make_supplier()
    buyer = make_buyer(organisation="Ville B")
    buyer.language = "en"
    make_tender(buyer=buyer)
    db.session.commit()
    building.queue_digests(db.session, utcnow())
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Des achats publics responsables" in page
