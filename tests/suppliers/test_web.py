"""Registration, edition and verification on the web, and who may touch which record."""

from __future__ import annotations

import re
from email import message_from_bytes
from pathlib import Path

from sqlalchemy import select

from procure.accounts.models import Role, User
from procure.extensions import db
from procure.suppliers.models import Supplier, SupplierAudit, SupplierStatus
from tests.accounts.helpers import signup_and_confirm
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier, make_user
from tests.suppliers.helpers import form_data, make_supplier_user, supplier_row


def _signup_supplier(client, app) -> None:
    response = signup_and_confirm(
        client, app, "nadia@jardins.example.org", role="supplier", name="Nadia Haddad"
    )
    assert response.headers["Location"] == "/suppliers/register"


def test_a_supplier_registers_and_a_facilitator_verifies_it(client, app, app_ctx):
    _signup_supplier(client, app)
    row = supplier_row(name="Jardins de la Mosson", inclusion_kinds="ACI;AI")
    token = csrf_token(client, "/suppliers/register")
    page = client.post(
        "/suppliers/register", data=form_data(row, token, regions=["94"]), follow_redirects=True
    ).get_data(as_text=True)
    assert "Jardins de la Mosson" in page and "en attente de vérification" in page
    supplier = db.session.scalar(select(Supplier))
    assert supplier.status == SupplierStatus.PENDING
    assert supplier.siren == row["siret"][:9]
    assert supplier.inclusion_kinds == ["ACI", "AI"]
    assert supplier.departments == ["2A", "2B", "30", "34"]  # Corse as a whole région
    user = db.session.scalar(select(User).where(User.email == "nadia@jardins.example.org"))
    assert user.supplier_id == supplier.id

    make_admin("facilitateur@example.org")
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "facilitateur@example.org", PASSWORD)
    listing = client.get("/admin/suppliers/?status=pending").get_data(as_text=True)
    assert "Jardins de la Mosson" in listing
    url = f"/admin/suppliers/{supplier.id}"
    client.post(f"{url}/verify", data={"csrf_token": csrf_token(client, url)})
    db.session.expire_all()
    assert db.session.get(Supplier, supplier.id).status == SupplierStatus.VERIFIED
    trail = client.get(url).get_data(as_text=True)
    assert "facilitateur@example.org" in trail and "en attente" not in trail.split("Historique")[0]
    actions = db.session.scalars(
        select(SupplierAudit.action).where(SupplierAudit.supplier_id == supplier.id)
    ).all()
    assert sorted(actions) == ["create", "status"]


def test_registration_with_a_bad_siret_says_why_and_keeps_the_input(client, app_ctx):
    make_user(Role.SUPPLIER, "s@example.org")
    login(client, "s@example.org", PASSWORD)
    row = supplier_row(siret="83705125900022", departments="34;999")
    token = csrf_token(client, "/suppliers/register")
    page = client.post("/suppliers/register", data=form_data(row, token)).get_data(as_text=True)
    assert "clé de contrôle fausse" in page and "code de département inconnu : 999" in page
    assert row["name"].replace("'", "&#39;") in page
    assert db.session.scalar(select(Supplier)) is None


def test_an_already_registered_siret_is_refused(client, app_ctx):
    existing = make_supplier()
    make_user(Role.SUPPLIER, "s@example.org")
    login(client, "s@example.org", PASSWORD)
    token = csrf_token(client, "/suppliers/register")
    row = supplier_row(siret=existing.siret)
    page = client.post("/suppliers/register", data=form_data(row, token)).get_data(as_text=True)
    assert "déjà inscrite" in page


def test_a_rejected_supplier_sees_the_reason(client, app_ctx):
    supplier = make_supplier(status=SupplierStatus.PENDING)
    make_supplier_user(supplier, "s@example.org")
    make_admin("f@example.org")
    login(client, "f@example.org", PASSWORD)
    url = f"/admin/suppliers/{supplier.id}"
    client.post(
        f"{url}/reject",
        data={"csrf_token": csrf_token(client, url), "reason": "Agrément ACI introuvable"},
    )
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "s@example.org", PASSWORD)
    page = client.get("/suppliers/mine", follow_redirects=True).get_data(as_text=True)
    assert "refusée" in page and "Agrément ACI introuvable" in page


def test_a_supplier_cannot_see_or_edit_another_supplier_by_changing_the_id(client, app_ctx):
    mine = make_supplier(name="La mienne")
    other = make_supplier(name="Une autre")
    make_supplier_user(mine, "s@example.org")
    login(client, "s@example.org", PASSWORD)
    assert client.get(f"/suppliers/{other.id}").status_code == 404
    assert client.get(f"/suppliers/{other.id}/edit").status_code == 404
    token = csrf_token(client, f"/suppliers/{mine.id}/edit")
    row = supplier_row(siret=other.siret, name="Piratée")
    assert client.post(f"/suppliers/{other.id}/edit", data=form_data(row, token)).status_code == 404
    response = client.post(
        f"/suppliers/{other.id}/members", data={"csrf_token": token, "email": "x@example.org"}
    )
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Supplier, other.id).name == "Une autre"
    assert db.session.scalar(select(User).where(User.email == "x@example.org")) is None
    assert client.get("/admin/suppliers/").status_code == 403


def test_editing_an_eligibility_field_sends_the_record_back_to_verification(client, app_ctx):
    supplier = make_supplier(name="Nettoyage Vert", kinds=["EI"], departments=["34", "30"])
    make_supplier_user(supplier, "s@example.org")
    login(client, "s@example.org", PASSWORD)
    url = f"/suppliers/{supplier.id}/edit"
    before = supplier.updated_at
    row = supplier_row(siret=supplier.siret, name="Nettoyage Vert", inclusion_kinds="EI")
    row["description"] = "Nettoyage écologique de locaux et de vitres pour les mairies."
    client.post(url, data=form_data(row, csrf_token(client, url)))
    db.session.expire_all()
    supplier = db.session.get(Supplier, supplier.id)
    assert supplier.status == SupplierStatus.VERIFIED  # the description decides nothing
    assert supplier.search_text.startswith("nettoyage ecologique")
    assert supplier.updated_at > before
    row["inclusion_kinds"] = "EI;ESAT"
    page = client.post(url, data=form_data(row, csrf_token(client, url)), follow_redirects=True)
    assert "vérifiée à nouveau" in page.get_data(as_text=True)
    db.session.expire_all()
    supplier = db.session.get(Supplier, supplier.id)
    assert supplier.status == SupplierStatus.PENDING and supplier.inclusion_kinds == ["EI", "ESAT"]
    last = db.session.scalars(select(SupplierAudit).where(SupplierAudit.action == "update")).one()
    assert last.actor == "s@example.org"
    assert last.changes["inclusion_kinds"] == [["EI"], ["EI", "ESAT"]]
    assert last.changes["status"] == ["verified", "pending"]


def test_a_member_adds_a_colleague_who_gets_a_link(client, app, app_ctx):
    supplier = make_supplier(name="Atelier")
    make_supplier_user(supplier, "s@example.org")
    make_buyer("acheteur@example.org")
    login(client, "s@example.org", PASSWORD)
    url = f"/suppliers/{supplier.id}"
    page = client.post(
        f"{url}/members",
        data={"csrf_token": csrf_token(client, url), "email": "Colleague@Example.org"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Une invitation a été envoyée à colleague@example.org." in page
    colleague = db.session.scalar(select(User).where(User.email == "colleague@example.org"))
    assert colleague.supplier_id == supplier.id and colleague.role == Role.SUPPLIER
    mails = sorted(Path(app.config["OUTBOX_DIR"]).glob("*.eml"))
    body = message_from_bytes(mails[-1].read_bytes()).get_payload(decode=True).decode()
    link = re.search(r"http://localhost(/account/reset/\S+)", body).group(1)
    assert "Atelier" in body
    assert "Nouveau mot de passe" in client.get(link, follow_redirects=True).get_data(as_text=True)
    page = client.post(
        f"{url}/members",
        data={"csrf_token": csrf_token(client, url), "email": "acheteur@example.org"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Une invitation a été envoyée à acheteur@example.org." in page  # says no more
    buyer = db.session.scalar(select(User).where(User.email == "acheteur@example.org"))
    assert buyer.supplier_id is None


def test_buyers_and_anonymous_visitors_stay_out(client, app_ctx):
    supplier = make_supplier()
    assert client.get(f"/admin/suppliers/{supplier.id}").status_code == 302
    make_buyer("b@example.org")
    login(client, "b@example.org", PASSWORD)
    assert client.get("/admin/suppliers/").status_code == 403
    assert client.get(f"/suppliers/{supplier.id}").status_code == 403


def test_a_rejected_supplier_that_corrects_its_record_asks_for_a_new_verification(client, app_ctx):
    supplier = make_supplier(status=SupplierStatus.REJECTED, name="Refusée")
    make_supplier_user(supplier, "s@example.org")
    login(client, "s@example.org", PASSWORD)
    url = f"/suppliers/{supplier.id}/edit"
    row = supplier_row(siret=supplier.siret, name="Refusée")
    row["description"] = "Entretien des espaces verts : convention ACI jointe au dossier."
    page = client.post(url, data=form_data(row, csrf_token(client, url)), follow_redirects=True)
    assert "vérifiée à nouveau" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Supplier, supplier.id).status == SupplierStatus.PENDING
    home = client.get("/").get_data(as_text=True)
    assert 'href="/suppliers/mine"' in home
