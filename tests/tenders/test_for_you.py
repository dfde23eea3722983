"""A supplier's "Marchés pour vous": links to each tender's page, filters, inline answers,
French dates."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from procure.accounts.models import Role
from procure.extensions import db
from procure.tenders.models import Interest
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_supplier, make_tender, make_user

GREEN = (
    "Entretien des espaces verts, tonte des pelouses, taille de haies, débroussaillage, "
    "nettoyage de locaux et de bureaux, dans l'Hérault et le Gard."
)


@pytest.fixture
def supplier_client(client, app_ctx):
    parks = make_tender(
        "Entretien des parcs de Montpellier",
        "Tonte des pelouses et taille des haies des parcs.",
        ["34"],
        reference="HER-PARCS",
        organisation="Montpellier Métropole",
    )
    parks.deadline = date(2027, 1, 15)
    offices = make_tender(
        "Nettoyage des bureaux de Nîmes",
        "Nettoyage quotidien de locaux et de bureaux administratifs.",
        ["30"],
        reference="GARD-BUREAUX",
        organisation="Ville de Nîmes",
    )
    offices.deadline = date(2027, 6, 30)
    db.session.commit()
    supplier = make_supplier("Jardins et Bureaux", GREEN, ["34", "30"], kinds=["ACI"])
    make_user(Role.SUPPLIER, "ines@jb.example.org", supplier_id=supplier.id)
    login(client, "ines@jb.example.org", PASSWORD)
    return client


def _page(client, query: str = "") -> str:
    response = client.get("/suppliers/for-you" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_each_tender_links_to_its_page_with_its_deadline_in_french(supplier_client):
    page = _page(supplier_client)
    assert 'href="/tenders/HER-PARCS"' in page and 'href="/tenders/GARD-BUREAUX"' in page
    assert "15 janvier 2027" in page and "30 juin 2027" in page
    assert "2027-01-15" not in page


def test_filters_by_area_deadline_and_trade(supplier_client):
    only_gard = _page(supplier_client, "?department=30")
    assert "Nettoyage des bureaux de Nîmes" in only_gard
    assert "Entretien des parcs de Montpellier" not in only_gard
    early = _page(supplier_client, "?before=2027-02-01")
    assert "Entretien des parcs de Montpellier" in early
    assert "Nettoyage des bureaux de Nîmes" not in early
    assert _page(supplier_client, "?department=30&before=2027-02-01").count("data-reference") == 0
    # The trade choices are the ones read in the listed tenders; picking one narrows the list.
    page = _page(supplier_client)
    assert 'name="trade"' in page
    codes = re.findall(r'<option value="([a-z_]+)"\s*>', page)
    assert codes, "no trade to filter on"
    narrowed = [_page(supplier_client, f"?trade={c}").count("data-reference=") for c in codes]
    assert min(narrowed) < 2 and max(narrowed) >= 1
    assert _page(supplier_client, "?trade=nonexistent").count("data-reference=") == 0


def test_an_inline_answer_comes_back_to_the_filtered_list_and_shows_there(supplier_client):
    token = csrf_token(supplier_client, "/suppliers/for-you")
    response = supplier_client.post(
        "/tenders/HER-PARCS/answer",
        data={
            "csrf_token": token,
            "answer": "interested",
            "reason": "Nos équipes sont à côté",
            "next": "/suppliers/for-you?department=34",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/suppliers/for-you?department=34"
    page = _page(supplier_client, "?department=34")
    assert "Vous avez répondu : intéressé" in page and "Nos équipes sont à côté" in page
    interest = db.session.scalar(select(Interest))
    assert (interest.answer, interest.reason) == ("interested", "Nos équipes sont à côté")


def test_an_outside_next_is_ignored(supplier_client):
    token = csrf_token(supplier_client, "/suppliers/for-you")
    response = supplier_client.post(
        "/tenders/HER-PARCS/answer",
        data={"csrf_token": token, "answer": "not_interested", "next": "https://evil.example"},
    )
    assert response.headers["Location"] == "/tenders/HER-PARCS"


def test_in_english_dates_read_the_english_way(supplier_client):
    from procure.accounts.models import User

    user = db.session.scalar(select(User).where(User.email == "ines@jb.example.org"))
    user.language = "en"
    db.session.commit()
    page = _page(supplier_client)
    assert "January 15, 2027" in page and "Deadline before" in page
