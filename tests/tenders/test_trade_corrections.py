"""A buyer's correction of the trades procure read in a tender goes through the tenders
service and is kept in the tender's history, named in the reader's language (#10)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from procure.extensions import db
from procure.matching.service import forget_index
from procure.tenders import services
from procure.tenders.models import TenderRevision
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_buyer, make_tender

ORGANISATION = "Montpellier Méditerranée Métropole"


@pytest.fixture
def tender(app_ctx):
    forget_index()
    yield make_tender(
        "Entretien des espaces verts du parc",
        "Entretien des espaces verts : tonte, taille de haies, élagage.",
        ["34"],
        reference="T-GREEN",
        organisation=ORGANISATION,
    )
    forget_index()


def _correct(client, trades: list[str], reset: bool = False):
    token = csrf_token(client, "/tenders/T-GREEN")
    data = {"csrf_token": token, "trades": trades, ("reset" if reset else "save"): "1"}
    return client.post("/tenders/T-GREEN/trades", data=data)


def _history(page: str) -> str:
    return page.split('class="history"')[1].split("</table>")[0]


def test_a_correction_is_recorded_and_shown_in_the_history(client, tender):
    buyer = make_buyer("claire@example.org", organisation=ORGANISATION)
    login(client, "claire@example.org", PASSWORD)
    _correct(client, ["nettoyage_locaux", "espaces_verts"])
    db.session.refresh(tender)
    assert tender.trades_override == ["nettoyage_locaux", "espaces_verts"]
    revision = db.session.scalars(
        select(TenderRevision).where(TenderRevision.action == "trades")
    ).one()
    assert revision.actor == buyer.email
    assert revision.changes == {"trades": {"old": [], "new": ["nettoyage_locaux", "espaces_verts"]}}
    history = _history(client.get("/tenders/T-GREEN").get_data(as_text=True))
    assert "correction des métiers" in history
    assert "Nettoyage et entretien de locaux, Entretien des espaces verts" in history
    assert "nettoyage_locaux" not in history  # names, never codes


def test_going_back_to_the_detected_trades_is_recorded_too(client, tender):
    make_buyer("claire@example.org", organisation=ORGANISATION)
    login(client, "claire@example.org", PASSWORD)
    _correct(client, ["nettoyage_locaux"])
    _correct(client, [], reset=True)
    db.session.refresh(tender)
    assert tender.trades_override is None
    changes = [
        r.changes["trades"]
        for r in db.session.scalars(
            select(TenderRevision)
            .where(TenderRevision.action == "trades")
            .order_by(TenderRevision.id)
        )
    ]
    assert changes == [
        {"old": [], "new": ["nettoyage_locaux"]},
        {"old": ["nettoyage_locaux"], "new": []},
    ]


def test_the_same_choice_again_records_nothing(tender):
    buyer = make_buyer("claire@example.org", organisation=ORGANISATION)
    assert services.correct_trades(db.session, tender, ["espaces_verts"], buyer)
    assert not services.correct_trades(db.session, tender, ["espaces_verts"], buyer)
    count = db.session.scalars(
        select(TenderRevision).where(TenderRevision.action == "trades")
    ).all()
    assert len(count) == 1


def test_the_history_names_trades_in_english_for_an_english_reader(client, tender):
    buyer = make_buyer("claire@example.org", organisation=ORGANISATION)
    buyer.language = "en"
    db.session.commit()
    login(client, "claire@example.org", PASSWORD)
    _correct(client, ["nettoyage_locaux"])
    history = _history(client.get("/tenders/T-GREEN").get_data(as_text=True))
    assert "trades corrected" in history and "Trades" in history
    assert "Cleaning of premises" in history


def test_the_tender_page_shows_the_detected_trades_computed_by_its_view(client, tender, app):
    make_buyer("claire@example.org", organisation=ORGANISATION)
    login(client, "claire@example.org", PASSWORD)
    assert "detected_trades" not in app.jinja_env.globals
    page = client.get("/tenders/T-GREEN").get_data(as_text=True)
    assert "Métiers détectés" in page and "Entretien des espaces verts" in page
    assert 'class="trades-form"' in page
