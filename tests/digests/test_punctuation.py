"""Punctuation follows the reader's language in e-mails: French puts a no-break space before
a colon or a semicolon ("Se désabonner : https://…"), English does not ("Unsubscribe: …")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from procure.core.formatting import colon
from procure.digests import alerts, building
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.tenders.models import Answer, Interest
from procure.timeutil import utcnow
from tests.digests.conftest import make_supplier_user
from tests.factories import make_buyer, make_supplier, make_tender

# A space of any kind (plain, no-break, narrow no-break) before a colon or a semicolon.
SPACED = re.compile(r"[ \u00a0\u202f][:;]")


def _mails(kind: str) -> dict[int, OutboxMessage]:
    rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind))
    return {m.user_id: m for m in rows}


def _around(text: str) -> list[str]:
    return [text[max(m.start() - 30, 0) : m.end() + 10] for m in SPACED.finditer(text)]


def test_colon_is_written_the_way_each_language_writes_it(app_ctx):
    assert colon("Voir le marché", locale="fr") == "Voir le marché\u00a0:"
    assert colon("See the tender", locale="en") == "See the tender:"
    assert colon("", ";", locale="fr") == "\u00a0;" and colon("", ";", locale="en") == ";"


def test_english_digest_and_alert_have_no_space_before_colons_french_ones_do(app_ctx):
    supplier = make_supplier("Les Jardins de Cocagne")  # answered: in the buyers' digests
    alerted = make_supplier("Jardins du Lez")  # has not answered: alerted
    reader_en = make_supplier_user(alerted, "sam@lez.example.org", language="en")
    reader_fr = make_supplier_user(alerted, "lea@lez.example.org")
    buyer_fr = make_buyer("claire@sete.example.fr", organisation="Ville de Sète")
    buyer_en = make_buyer("ann@agde.example.fr", organisation="Ville d'Agde")
    buyer_en.language = "en"
    soon = date.today() + timedelta(days=5)
    for buyer, ref in ((buyer_fr, "SETE-1"), (buyer_en, "AGDE-1")):
        tender = make_tender("Entretien des espaces verts", buyer=buyer, reference=ref,
                             deadline=soon)  # fmt: skip
        db.session.add(Interest(supplier_id=supplier.id, tender_id=tender.id,
                                answer=Answer.INTERESTED, reason="Nous sommes à côté"))  # fmt: skip
    db.session.commit()

    building.queue_digests(db.session, utcnow())
    alerts.queue_alerts(db.session, utcnow())
    digests, sent_alerts = _mails("digest"), _mails("alert")

    english = [digests[buyer_en.id], sent_alerts[reader_en.id]]
    for message in english:
        # Only what people wrote may hold French punctuation; there is none of it here.
        assert _around(message.text) == [], _around(message.text)
        assert _around(message.html) == [], _around(message.html)
    assert "Unsubscribe: http" in digests[buyer_en.id].text
    assert "Les Jardins de Cocagne: « Nous sommes à côté »" in digests[buyer_en.id].text

    french = digests[buyer_fr.id].text
    assert "Se désabonner\u00a0: http" in french
    assert "Les Jardins de Cocagne\u00a0: « Nous sommes à côté »" in french
    assert "Intéressé\u00a0: http" in sent_alerts[reader_fr.id].text
