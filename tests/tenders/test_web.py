"""Buyer and facilitator screens: posting, bad input, life cycle, history, authorisation."""

from __future__ import annotations

from sqlalchemy import select

from procure.extensions import db
from procure.tenders.models import ClauseType, Tender, TenderStatus
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier, make_user


def form_data(client, url="/tenders/new", **changes):
    data = {
        "csrf_token": csrf_token(client, url),
        "title": "Nettoyage des écoles",
        "description": "Nettoyage quotidien des locaux de six écoles maternelles.",
        "departments": ["34"],
        "cpv_codes": "90919300-5",
        "estimated_value": "240000",
        "deadline": "2027-04-30",
        "contact_name": "Claire Martin",
        "contact_email": "claire@ville.example.fr",
        "clauses-0-type": "insertion",
        "clauses-0-hours": "480",
        "clauses-1-type": "environmental",
        "clauses-1-text": "Produits écolabellisés",
        "lots-0-title": "Écoles du centre",
        "lots-0-description": "Trois écoles",
        "lots-0-clauses-0-type": "social_criterion",
        "lots-0-clauses-0-weight": "15",
        "save": "1",
    }
    data.update(changes)
    return data


def the_tender() -> Tender:
    db.session.expire_all()
    return db.session.scalars(select(Tender)).one()


def post_tender(client, **changes):
    return client.post("/tenders/new", data=form_data(client, **changes))


def test_buyer_posts_a_tender_with_clauses_and_a_lot(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    response = post_tender(client)
    assert response.status_code == 302
    tender = the_tender()
    assert tender.status == TenderStatus.DRAFT and tender.organisation.name == "Ville A"
    assert tender.reference.startswith("PRC-")
    assert [c.as_dict() for c in tender.own_clauses] == [
        {"type": "insertion", "hours": 480},
        {"type": "environmental", "text": "Produits écolabellisés"},
    ]
    assert tender.lots[0].title == "Écoles du centre"
    assert [c.weight for c in tender.lot_clauses(tender.lots[0])] == [15.0]
    page = client.get(response.location).get_data(as_text=True)
    assert "Nettoyage des écoles" in page and "480 heures" in page and "brouillon" in page
    assert "Hérault (34)" in page


def test_bad_input_is_explained_and_nothing_is_lost(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    response = post_tender(
        client,
        deadline="2020-01-01",
        description="",
        cpv_codes="90919300-1",
        **{"clauses-0-hours": "0", "departments": ["34"]},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "déjà passée" in page
    assert "la description est vide" in page
    assert "chiffre de contrôle incorrect" in page
    assert "entier positif" in page
    assert 'value="Nettoyage des écoles"' in page  # what was typed is still there
    assert db.session.scalars(select(Tender)).first() is None


def test_lot_contradicting_a_reserved_tender_is_refused(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    response = post_tender(
        client,
        **{"clauses-0-type": "reserved_disability", "lots-0-clauses-0-type": "reserved_ess"},
    )
    assert response.status_code == 422
    assert "le lot 1 est réservé" in response.get_data(as_text=True)


def test_life_cycle_submit_validate_edit_history_close(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    make_admin("facil@plie.example.fr")
    login(client, "a@ville.example.fr", PASSWORD)
    post_tender(client)
    ref = the_tender().reference
    page_url = f"/tenders/{ref}"
    client.post(f"{page_url}/submit", data={"csrf_token": csrf_token(client, page_url)})
    assert the_tender().status == TenderStatus.SUBMITTED

    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "facil@plie.example.fr", PASSWORD)
    queue = client.get("/admin/tenders/").get_data(as_text=True)
    assert "Nettoyage des écoles" in queue
    client.post(
        f"/admin/tenders/{ref}/validate", data={"csrf_token": csrf_token(client, "/admin/tenders/")}
    )
    tender = the_tender()
    assert tender.status == TenderStatus.OPEN and tender.opened_at is not None
    queue = client.get("/admin/tenders/").get_data(as_text=True)
    assert "est validé et ouvert" in queue and "Aucun marché en attente" in queue

    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "a@ville.example.fr", PASSWORD)
    edit_url = f"{page_url}/edit"
    client.post(edit_url, data=form_data(client, edit_url, estimated_value="260000"))
    page = client.get(page_url).get_data(as_text=True)
    assert "ouvert" in page and "modification" in page
    # old → new in the history, as money ("240 000 €", French narrow no-break spaces)
    assert "240\u202f000\xa0€" in page and "260\u202f000\xa0€" in page
    client.post(f"{page_url}/close", data={"csrf_token": csrf_token(client, page_url)})
    assert the_tender().status == TenderStatus.CLOSED
    assert "clos" in client.get(page_url).get_data(as_text=True)


def test_facilitator_rejects_with_a_reason_the_buyer_reads(app_ctx, client):
    buyer = make_buyer("a@ville.example.fr", "Ville A")
    make_admin("facil@plie.example.fr")
    login(client, "facil@plie.example.fr", PASSWORD)
    tender = _submitted_tender(buyer)
    page = client.get(f"/tenders/{tender}").get_data(as_text=True)
    assert "Valider et ouvrir" in page and "Tous les marchés" in page
    url = "/admin/tenders/"
    client.post(f"{url}{tender}/reject", data={"csrf_token": csrf_token(client, url), "reason": ""})
    assert the_tender().status == TenderStatus.SUBMITTED
    client.post(
        f"{url}{tender}/reject",
        data={"csrf_token": csrf_token(client, url), "reason": "Précisez les lieux."},
    )
    assert the_tender().status == TenderStatus.REJECTED
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "a@ville.example.fr", PASSWORD)
    assert "Précisez les lieux." in client.get(f"/tenders/{tender}").get_data(as_text=True)


def _submitted_tender(buyer, submit: bool = True) -> str:
    from procure.tenders import services
    from procure.tenders.validation import clean_tender
    from tests.tenders.helpers import record

    data = clean_tender(record(reference="SUB-1"), strict=False)
    tender = services.create_tender(db.session, data, buyer.organisation, buyer)
    if submit:
        services.submit(db.session, tender, buyer)
    db.session.commit()
    return tender.reference


def test_auto_validation_setting_opens_at_once(app, app_ctx, client):
    buyer = make_buyer("a@ville.example.fr", "Ville A")
    app.config["AUTO_VALIDATE_TENDERS"] = True
    try:
        _submitted_tender(buyer)
    finally:
        app.config["AUTO_VALIDATE_TENDERS"] = False
    assert the_tender().status == TenderStatus.OPEN


def test_another_organisations_tender_does_not_exist_for_a_buyer(app_ctx, client):
    owner = make_buyer("a@ville.example.fr", "Ville A")
    make_buyer("b@autre.example.fr", "Ville B")
    ref = _submitted_tender(owner, submit=False)  # a draft
    login(client, "b@autre.example.fr", PASSWORD)
    assert "SUB-1" not in client.get("/tenders/").get_data(as_text=True)
    assert client.get(f"/tenders/{ref}").status_code == 404
    assert client.get(f"/tenders/{ref}/edit").status_code == 404
    token = csrf_token(client, "/tenders/")
    edit = form_data(client, "/tenders/new", title="Piraté")
    assert client.post(f"/tenders/{ref}/edit", data=edit).status_code == 404
    assert client.post(f"/tenders/{ref}/close", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/tenders/{ref}/submit", data={"csrf_token": token}).status_code == 404
    tender = the_tender()
    assert tender.title != "Piraté" and tender.status == TenderStatus.DRAFT


def test_suppliers_have_no_tender_screens(app_ctx, client):
    from procure.accounts.models import Role

    make_user(Role.SUPPLIER, "s@ess.example.org")
    login(client, "s@ess.example.org", PASSWORD)
    assert client.get("/tenders/new").status_code == 403
    assert client.get("/admin/tenders/").status_code == 403


def test_recalculate_shows_advice_and_hours_without_saving(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    for i in range(5):
        make_supplier(f"Propre {i}", "Nettoyage de locaux et d'écoles", ["34"], ["EI"])
    db.session.commit()
    login(client, "a@ville.example.fr", PASSWORD)
    data = form_data(client, recalculate="1", calc_amount="100000")
    del data["save"]
    page = client.post("/tenders/new", data=data).get_data(as_text=True)
    assert "5 structures d&#39;insertion (SIAE) dans l&#39;Hérault peuvent répondre" in page
    assert "Réservez le marché aux structures d&#39;insertion (SIAE)" in page
    assert '<output id="calc-hours">80</output>' in page  # 100000 × 0.4 ÷ 35 × 0.07
    assert db.session.scalars(select(Tender)).first() is None
    assert ClauseType.INSERTION  # the clause types the form offers


def test_a_closed_tender_is_no_longer_edited(app_ctx, client):
    from procure.tenders import services

    buyer = make_buyer("a@ville.example.fr", "Ville A")
    ref = _submitted_tender(buyer)
    tender = the_tender()
    tender.status = TenderStatus.OPEN
    services.close(db.session, tender, buyer)
    db.session.commit()
    login(client, "a@ville.example.fr", PASSWORD)
    response = client.get(f"/tenders/{ref}/edit", follow_redirects=True)
    assert "Un marché clos ne se modifie plus." in response.get_data(as_text=True)
    edit = form_data(client, "/tenders/new", title="Changé")
    client.post(f"/tenders/{ref}/edit", data=edit)
    assert the_tender().title != "Changé"


def test_the_new_form_proposes_the_buyer_as_contact(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    page = client.get("/tenders/new").get_data(as_text=True)
    assert 'value="a@ville.example.fr"' in page
    assert 'value="0.4"' in page and 'value="35"' in page and 'value="0.07"' in page
