"""The facilitator's screens: validation card, filters of "Tous les marchés", the digest preview
in the recipient's language with its HTML part, and the calculator's amount."""

from __future__ import annotations

import html
from datetime import date

import pytest

from procure.accounts.models import User
from procure.extensions import db
from procure.matching.service import forget_index
from procure.tenders.models import Tender, TenderStatus
from procure.tenders.views import _number
from tests.conftest import login
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier, make_tender


@pytest.fixture
def tenders(app_ctx):
    forget_index()
    make_supplier(
        "Les Jardins de Cocagne",
        "Entretien des espaces verts, tonte, taille de haies par une équipe en insertion.",
        ["34"],
        kinds=["ACI"],
    )
    green = make_tender(
        "Entretien des espaces verts",
        "Tonte et taille de haies des parcs.",
        ["34"],
        reference="T-GREEN",
        organisation="Montpellier Méditerranée Métropole",
        status="submitted",
        clauses=[{"type": "insertion", "hours": 300}, {"type": "reserved_inclusion"}],
    )
    green.estimated_value = 180000.5
    green.deadline = date(2031, 3, 14)
    make_tender(
        "Nettoyage des écoles",
        "Nettoyage de locaux scolaires.",
        ["30"],
        reference="T-CLEAN",
        organisation="Ville de Nîmes",
        status="open",
    )
    make_tender(
        "Formation des agents",
        "Formation nationale.",
        ["FR"],
        reference="T-NAT",
        organisation="Ville de Nîmes",
        status="closed",
    )
    db.session.commit()
    make_admin("f@example.org")
    yield
    forget_index()


def test_validation_card_shows_amount_deadline_and_clauses(client, tenders):
    login(client, "f@example.org", PASSWORD)
    page = client.get("/admin/tenders/").get_data(as_text=True)
    card = html.unescape(page.split('class="moderation"')[1])
    assert "180\u202f000,50\xa0€" in card
    assert "14 mars 2031" in card
    assert "Clause d'insertion" in card and "300 heures" in card
    assert "Marché réservé aux SIAE" in card


def _listed(client, query: str = "") -> set[str]:
    page = client.get("/tenders/" + query).get_data(as_text=True)
    return {ref for ref in ("T-GREEN", "T-CLEAN", "T-NAT") if f"<td>{ref}</td>" in page}


def test_all_tenders_filter_by_status_buyer_department_and_words(client, tenders):
    login(client, "f@example.org", PASSWORD)
    assert _listed(client) == {"T-GREEN", "T-CLEAN", "T-NAT"}
    assert _listed(client, "?status=open") == {"T-CLEAN"}
    nimes = db.session.scalar(
        db.select(Tender.organisation_id).where(Tender.reference == "T-CLEAN")
    )
    assert _listed(client, f"?buyer={nimes}") == {"T-CLEAN", "T-NAT"}
    # A département shows its tenders and the national ones.
    assert _listed(client, "?department=30") == {"T-CLEAN", "T-NAT"}
    assert _listed(client, "?q=haies") == {"T-GREEN"}
    assert _listed(client, "?q=%25") == set()  # a LIKE wildcard is a plain character
    assert _listed(client, "?status=bogus&department=99") == {"T-GREEN", "T-CLEAN", "T-NAT"}
    page = client.get("/tenders/?status=open").get_data(as_text=True)
    assert '<option value="open" selected>ouvert</option>' in page


def test_digest_preview_is_in_the_buyers_language_with_its_html_part(client, tenders):
    buyer = make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    db.session.execute(
        db.update(Tender).where(Tender.reference == "T-GREEN").values(status=TenderStatus.OPEN)
    )
    db.session.execute(db.update(User).where(User.id == buyer.id).values(language="en"))
    db.session.commit()
    admin = db.session.scalar(db.select(User).where(User.email == "f@example.org"))
    admin.language = "fr"
    db.session.commit()
    login(client, "f@example.org", PASSWORD)

    page = client.get(f"/admin/digests/preview/{buyer.id}").get_data(as_text=True)
    assert "Aperçu du récapitulatif" in page  # the facilitator's own language around it
    assert "Langue du destinataire : anglais" in page
    text_part = page.split('<pre class="mail" lang="en">')[1].split("</pre>")[0]
    assert "open tenders" in text_part.lower() and "marchés ouverts" not in text_part
    assert f'src="/admin/digests/preview/{buyer.id}/mail.html"' in page

    html = client.get(f"/admin/digests/preview/{buyer.id}/mail.html")
    assert html.mimetype == "text/html"
    body = html.get_data(as_text=True)
    assert "Entretien des espaces verts" in body and "Unsubscribe" in body
    assert "frame-ancestors 'self'" in html.headers["Content-Security-Policy"]
    assert "script-src" not in html.headers["Content-Security-Policy"]  # default 'none'


def test_calculator_reads_amounts_as_people_type_them():
    assert _number("180 000", 0) == 180000
    assert _number("180\u202f000,50 €", 0) == 180000.5
    assert _number("0,4", 0) == 0.4
    assert _number("", 7) == 7 and _number("beaucoup", 7) == 7


def test_clause_types_are_words_in_the_tender_history(client, tenders):
    """The history reads money and clause names, not floats and codes."""
    from procure.tenders.setup import change_text

    with client.application.test_request_context():
        assert change_text(180000.0, "estimated_value") == "180\u202f000\xa0€"
        assert change_text("2031-03-14", "deadline") == "14 mars 2031"
        clause = {"type": "insertion", "hours": 300}
        assert change_text([clause], "clauses") == "Clause d'insertion 300 heures"
