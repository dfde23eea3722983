"""A tender's page as a verified supplier reads it, its answer, and what it must never see."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from procure.accounts.models import Role
from procure.digests import links
from procure.extensions import db
from procure.suppliers.models import SupplierStatus
from procure.tenders.models import Interest, Lot, Tender
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_buyer, make_supplier, make_tender, make_user

GREEN = (
    "Entretien des espaces verts, tonte des pelouses, taille de haies et débroussaillage "
    "des parcs par une équipe de salariés en insertion."
)


@pytest.fixture
def world(app_ctx):
    """A buyer's open tender reserved to SIAE with a lot, and two verified structures."""
    buyer = make_buyer("marie.dupont@ville-lunel.example.fr", organisation="Ville de Lunel")
    tender = make_tender(
        "Entretien des espaces verts de la ville",
        "Tonte des pelouses, taille des haies et débroussaillage des parcs municipaux.",
        ["34"],
        reference="LUN-2027-01",
        organisation="Ville de Lunel",
        clauses=[{"type": "reserved_inclusion"}, {"type": "insertion", "hours": 350}],
        cpv_codes=["77310000"],
    )
    tender.created_by_id = buyer.id
    tender.deadline = date(2027, 3, 31)
    tender.estimated_value = 185000.0
    tender.contact_name = "Service des achats"
    tender.contact_email = "achats@ville-lunel.example.fr"
    lot = Lot(number=1, title="Parc de la Mosson", description="Tonte hebdomadaire")
    tender.lots.append(lot)
    db.session.commit()
    aci = make_supplier("Jardins de la Mosson", GREEN, ["34"], kinds=["ACI"])
    ea = make_supplier("Atelier Vert Adapté", GREEN, ["34"], kinds=["EA"])
    aci_user = make_user(Role.SUPPLIER, "nadia@mosson.example.org", supplier_id=aci.id)
    ea_user = make_user(Role.SUPPLIER, "leo@vert-adapte.example.org", supplier_id=ea.id)
    return {"buyer": buyer, "tender": tender, "aci": aci, "ea": ea, "aci_user": aci_user,
            "ea_user": ea_user}  # fmt: skip


def _page(client, email: str, url: str = "/tenders/LUN-2027-01") -> tuple[int, str]:
    login(client, email, PASSWORD)
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)


def _answer(client, answer: str, reason: str = "", reference: str = "LUN-2027-01"):
    token = csrf_token(client, "/suppliers/for-you")
    return client.post(
        f"/tenders/{reference}/answer",
        data={"csrf_token": token, "answer": answer, "reason": reason},
    )


def test_verified_supplier_reads_the_need_clauses_in_plain_words_deadline_and_contact(
    client, world
):
    status, page = _page(client, "nadia@mosson.example.org")
    assert status == 200
    assert "Entretien des espaces verts de la ville" in page
    assert "Tonte des pelouses, taille des haies" in page
    assert "Parc de la Mosson" in page and "Tonte hebdomadaire" in page
    assert "31 mars 2027" in page
    assert "185 000 € HT" in page.replace("\u202f", " ").replace("\xa0", " ")
    assert "achats@ville-lunel.example.fr" in page and "Service des achats" in page
    assert "Ville de Lunel" in page
    # The reserved market explained, with what it means for this ACI.
    assert "Seules les structures d'insertion par l'activité économique" in page
    assert "Votre structure a le statut demandé : elle peut répondre." in page
    assert "C'est votre métier : vous pouvez réaliser ces heures" in page
    # Why procure proposes it: the shortlist's reasons for this structure.
    assert "Votre structure est n° 1 des fournisseurs proposés" in page
    # Never a buyer's own account.
    assert "marie.dupont@ville-lunel.example.fr" not in page


def test_a_structure_without_the_reserved_status_is_told_it_cannot_bid(client, world):
    status, page = _page(client, "leo@vert-adapte.example.org")
    assert status == 200
    assert "Votre structure n'a pas le statut demandé" in page
    assert "ne compte pas votre structure parmi les fournisseurs proposés" in page


def test_the_alert_link_voir_le_marche_opens_the_page(client, world):
    url = links.tender_url("LUN-2027-01").replace("http://localhost", "")
    status, page = _page(client, "nadia@mosson.example.org", url)
    assert status == 200 and "Votre réponse" in page


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected"])
def test_unpublished_tenders_do_not_exist_for_suppliers(client, world, status):
    make_tender("Marché en préparation", "Secret", ["34"], reference="LUN-DRAFT", status=status)
    code, page = _page(client, "nadia@mosson.example.org", "/tenders/LUN-DRAFT")
    assert code == 404 and "Marché en préparation" not in page
    assert _answer(client, "interested", reference="LUN-DRAFT").status_code == 404
    for_you = client.get("/suppliers/for-you").get_data(as_text=True)
    assert "Marché en préparation" not in for_you and "LUN-2027-01" in for_you


def test_a_closed_tender_is_readable_but_takes_no_answer(client, world):
    world["tender"].status = "closed"
    db.session.commit()
    status, page = _page(client, "nadia@mosson.example.org")
    assert status == 200 and "Ce marché est clos : il ne reçoit plus de réponses." in page
    _answer(client, "interested")
    assert db.session.scalars(select(Interest)).all() == []


@pytest.mark.parametrize("status", [SupplierStatus.PENDING, SupplierStatus.REJECTED])
def test_unverified_structures_get_403(client, world, status):
    world["aci"].status = status
    db.session.commit()
    code, page = _page(client, "nadia@mosson.example.org")
    assert code == 403 and "Entretien des espaces verts" not in page
    assert _answer(client, "interested").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get("/tenders/LUN-2027-01")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_suppliers_never_reach_buyer_screens(client, world):
    login(client, "nadia@mosson.example.org", PASSWORD)
    for url in ("/tenders/LUN-2027-01/shortlist", "/tenders/LUN-2027-01/edit", "/tenders/"):
        assert client.get(url).status_code == 403, url


def test_an_answer_with_its_reason_reaches_the_buyer_and_no_other_supplier(client, world):
    login(client, "nadia@mosson.example.org", PASSWORD)
    response = _answer(client, "interested", "Nous entretenons déjà le parc voisin.")
    assert response.status_code == 302
    page = client.get("/tenders/LUN-2027-01").get_data(as_text=True)
    assert "Vous avez répondu : intéressé" in page
    assert "Nous entretenons déjà le parc voisin." in page

    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    code, other = _page(client, "leo@vert-adapte.example.org")
    assert code == 200
    assert "Nous entretenons déjà le parc voisin." not in other
    assert "Jardins de la Mosson" not in other
    assert "Dites à l'acheteur si ce marché vous intéresse." in other

    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "marie.dupont@ville-lunel.example.fr", PASSWORD)
    shown = client.get("/tenders/LUN-2027-01").get_data(as_text=True)
    assert "Jardins de la Mosson" in shown and "Nous entretenons déjà le parc voisin." in shown
    shortlist = client.get("/tenders/LUN-2027-01/shortlist").get_data(as_text=True)
    assert 'data-interest="interested"' in shortlist
    assert "Nous entretenons déjà le parc voisin." in shortlist


def test_changing_the_answer_replaces_it_and_its_reason(client, world):
    login(client, "nadia@mosson.example.org", PASSWORD)
    _answer(client, "interested", "Parc voisin")
    _answer(client, "not_interested", "Trop loin de nos équipes")
    rows = db.session.scalars(select(Interest)).all()
    assert [(r.answer, r.reason) for r in rows] == [("not_interested", "Trop loin de nos équipes")]


def test_an_answer_needs_the_csrf_token_and_a_known_choice(client, world):
    login(client, "nadia@mosson.example.org", PASSWORD)
    response = client.post("/tenders/LUN-2027-01/answer", data={"answer": "interested"})
    assert response.status_code == 400
    _answer(client, "maybe")
    assert db.session.scalars(select(Interest)).all() == []


def test_buyers_of_another_organisation_still_get_404(client, world):
    make_buyer("autre@ville-sete.example.fr", organisation="Ville de Sète")
    code, _page_text = _page(client, "autre@ville-sete.example.fr")
    assert code == 404
    assert db.session.scalar(select(Tender.id)) is not None
