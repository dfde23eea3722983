"""Nobody gets into an organisation by typing its name: only a facilitator or a member lets
them in (issue #9)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from procure.accounts.models import JoinRequest, Organisation, OrganisationStatus, User
from procure.api.auth import create_token
from procure.extensions import db
from tests.accounts.helpers import body, link, logout, mails, signup, signup_and_confirm
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_buyer, make_tender

SECRET_TITLE = "Entretien des espaces verts du cimetière Saint-Lazare"


def _tender_of_test_city():
    return make_tender(SECRET_TITLE, "Tonte et taille.", ["34"], reference="VDT-2026-001")


def _user(email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


@pytest.mark.parametrize(
    "typed",
    ["Ville de Test", "VILLE DE TEST", "  ville   de  test ", "Ville dé Tést", "ville-de-test"],
)
def test_signing_up_with_an_existing_name_gives_no_access_to_it(client, app, app_ctx, typed):
    _tender_of_test_city()
    signup_and_confirm(client, app, "intrus@example.org", organisation=typed)
    intruder = _user("intrus@example.org")
    assert intruder.organisation is None  # only a join request, for a facilitator
    request = db.session.scalar(select(JoinRequest))
    assert request.user_id == intruder.id and request.organisation.name == "Ville de Test"

    for url in ("/tenders/VDT-2026-001", "/tenders/VDT-2026-001/shortlist", "/tenders/"):
        response = client.get(url, follow_redirects=True)
        page = response.get_data(as_text=True)
        assert SECRET_TITLE not in page, url
        assert "pas encore validée par un facilitateur" in page, url
    account = client.get("/account/").get_data(as_text=True)
    assert "Votre demande pour rejoindre Ville de Test attend l'accord" in account
    assert len(db.session.scalars(select(Organisation)).all()) == 1  # no look-alike created


def test_a_new_organisation_waits_for_a_facilitator(client, app, app_ctx):
    signup_and_confirm(client, app, "lea@lunel.example.fr", organisation="Ville de Lunel")
    org = db.session.scalar(select(Organisation).where(Organisation.name == "Ville de Lunel"))
    assert org.status == OrganisationStatus.PENDING
    page = client.get("/tenders/new", follow_redirects=True).get_data(as_text=True)
    assert (
        "pas encore validée" in page
        and "Publier" not in page.split('<main id="main" tabindex="-1">')[1]
    )

    logout(client)
    make_admin("facil@example.org")
    login(client, "facil@example.org", PASSWORD)
    listing = client.get("/account/admin/organisations").get_data(as_text=True)
    assert "Ville de Lunel" in listing and "lea@lunel.example.fr" in listing
    url = f"/account/admin/organisations/{org.id}/approve"
    token = csrf_token(client, "/account/admin/organisations")
    done = client.post(url, data={"csrf_token": token}, follow_redirects=True)
    assert "Ville de Lunel est validée" in done.get_data(as_text=True)
    assert "Aucune organisation en attente" in done.get_data(as_text=True)

    logout(client)
    login(client, "lea@lunel.example.fr", "un-mot-de-passe-long")
    form = client.get("/tenders/new")
    assert form.status_code == 200 and "pas encore validée" not in form.get_data(as_text=True)


def test_a_rejected_organisation_stays_out(client, app, app_ctx):
    signup_and_confirm(client, app, "x@fausse.example.org", organisation="Mairie fantôme")
    org = db.session.scalar(select(Organisation).where(Organisation.name == "Mairie fantôme"))
    logout(client)
    make_admin("facil@example.org")
    login(client, "facil@example.org", PASSWORD)
    token = csrf_token(client, "/account/admin/organisations")
    client.post(f"/account/admin/organisations/{org.id}/reject", data={"csrf_token": token})
    logout(client)
    login(client, "x@fausse.example.org", "un-mot-de-passe-long")
    assert client.get("/tenders/new").headers["Location"] == "/account/"
    assert "a été refusée" in client.get("/account/").get_data(as_text=True)


def test_a_facilitator_approves_a_join_request(client, app, app_ctx):
    _tender_of_test_city()
    signup_and_confirm(client, app, "collegue@test.example.org", organisation="ville de test")
    logout(client)
    make_admin("facil@example.org")
    login(client, "facil@example.org", PASSWORD)
    listing = client.get("/account/admin/organisations").get_data(as_text=True)
    assert "collegue@test.example.org" in listing
    request = db.session.scalar(select(JoinRequest))
    token = csrf_token(client, "/account/admin/organisations")
    done = client.post(
        f"/account/admin/join-requests/{request.id}/approve",
        data={"csrf_token": token},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "collegue@test.example.org a rejoint Ville de Test" in done
    logout(client)
    login(client, "collegue@test.example.org", "un-mot-de-passe-long")
    assert SECRET_TITLE in client.get("/tenders/VDT-2026-001").get_data(as_text=True)


def test_buyers_and_anonymous_cannot_decide(client, app_ctx):
    make_buyer("b@example.org")
    assert client.get("/account/admin/organisations").status_code == 302
    login(client, "b@example.org", PASSWORD)
    assert client.get("/account/admin/organisations").status_code == 403


def _invite(client, email: str):
    token = csrf_token(client, "/account/")
    return client.post(
        "/account/organisation/invite", data={"csrf_token": token, "email": email},
        follow_redirects=True,
    )  # fmt: skip


def test_a_member_invites_a_new_colleague(client, app, app_ctx):
    _tender_of_test_city()
    make_buyer("claire@test.example.org")
    login(client, "claire@test.example.org", PASSWORD)
    page = _invite(client, "Karim@Test.example.org").get_data(as_text=True)
    assert "Invitation envoyée à karim@test.example.org" in page
    (message,) = mails(app, "karim@test.example.org")
    assert "vous invite à rejoindre Ville de Test" in body(message)
    logout(client)

    invitation = link(app, "karim@test.example.org", "/account/invitation/")
    landing = client.get(invitation)
    assert landing.headers["Location"] == "/account/invitation"  # token out of the URL
    form = client.get("/account/invitation").get_data(as_text=True)
    assert "Rejoindre Ville de Test" in form and "karim@test.example.org" in form
    joined = client.post(
        "/account/invitation",
        data={
            "csrf_token": csrf_token(client, "/account/invitation"),
            "name": "Karim Benali",
            "password": "un-mot-de-passe-long",
            "confirm": "un-mot-de-passe-long",
        },
        follow_redirects=True,
    )
    assert "Bienvenue dans Ville de Test" in joined.get_data(as_text=True)
    karim = _user("karim@test.example.org")
    assert karim.organisation.name == "Ville de Test" and karim.is_verified
    assert SECRET_TITLE in client.get("/tenders/VDT-2026-001").get_data(as_text=True)
    # A second use of the link creates nothing and joins nothing more.
    client.get(invitation)
    again = client.get("/account/invitation", follow_redirects=True).get_data(as_text=True)
    assert "Rejoindre Ville de Test" in again and 'name="password"' not in again


def test_inviting_does_not_tell_whether_an_address_has_an_account(client, app, app_ctx):
    make_buyer("claire@test.example.org")
    signup_and_confirm(client, app, "lea@lunel.example.fr", organisation="Ville de Lunel")
    logout(client)
    login(client, "claire@test.example.org", PASSWORD)
    known = _invite(client, "lea@lunel.example.fr")
    unknown = _invite(client, "personne@lunel.example.fr")
    strip = lambda r, e: r.get_data(as_text=True).replace(e, "EMAIL")  # noqa: E731
    known_page, unknown_page = (
        strip(known, "lea@lunel.example.fr"),
        strip(unknown, "personne@lunel.example.fr"),
    )
    assert known.status_code == unknown.status_code == 200
    assert _main(known_page) == _main(unknown_page)
    assert len(mails(app, "lea@lunel.example.fr")) == 2  # confirmation, then the invitation
    assert len(mails(app, "personne@lunel.example.fr")) == 1

    # The existing buyer (of a pending organisation) accepts while logged in.
    logout(client)
    client.get(link(app, "lea@lunel.example.fr", "/account/invitation/"))
    page = client.get("/account/invitation").get_data(as_text=True)
    assert "Connectez-vous avec ce compte" in page
    login(client, "lea@lunel.example.fr", "un-mot-de-passe-long")
    token = csrf_token(client, "/account/invitation")
    done = client.post("/account/invitation", data={"csrf_token": token}, follow_redirects=True)
    assert "Vous avez rejoint Ville de Test" in done.get_data(as_text=True)
    assert _user("lea@lunel.example.fr").organisation.name == "Ville de Test"


def _main(page: str) -> str:
    return (
        page.split('<main id="main" tabindex="-1">')[1]
        .split("</main>")[0]
        .split('name="csrf_token"')[0]
    )


def test_a_forged_or_foreign_invitation_is_refused(client, app, app_ctx):
    make_buyer("claire@test.example.org")
    make_buyer("autre@ailleurs.example.org", organisation="Ville d'Ailleurs")
    login(client, "claire@test.example.org", PASSWORD)
    _invite(client, "karim@test.example.org")
    invitation = link(app, "karim@test.example.org", "/account/invitation/")
    tampered = invitation[:-3] + ("abc" if not invitation.endswith("abc") else "xyz")
    logout(client)
    page = client.get(tampered, follow_redirects=True).get_data(as_text=True)
    assert "Ce lien n&#39;est pas valide" in page
    assert client.get("/account/invitation").status_code == 404  # nothing in the session


def test_a_buyer_token_of_a_pending_organisation_is_refused_by_the_api(client, app, app_ctx):
    signup_and_confirm(client, app, "lea@lunel.example.fr", organisation="Ville de Lunel")
    token = create_token(db.session, _user("lea@lunel.example.fr"))
    db.session.commit()
    response = client.get("/api/v1/tenders/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert "not approved" in response.get_json()["message"]


def test_facilitators_see_whether_the_creator_confirmed_the_address(client, app, app_ctx):
    signup(client, "pas-confirme@example.org", organisation="Mairie de Sète")
    signup_and_confirm(client, app, "confirme@example.org", organisation="Mairie de Lunel")
    logout(client)
    make_admin("facil@example.org")
    login(client, "facil@example.org", PASSWORD)
    listing = client.get("/account/admin/organisations").get_data(as_text=True)
    assert "pas-confirme@example.org&gt; (adresse non confirmée)" in listing
    assert "confirme@example.org&gt;</td>" in listing
