"""Accounts and web security: what a visitor, a buyer and an attacker would notice."""

from __future__ import annotations

import re
import time
from email import message_from_bytes
from pathlib import Path

from procure.accounts.models import User
from procure.extensions import db
from tests.accounts.helpers import confirm_address, signup
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_buyer


def test_signup_creates_a_buyer_in_their_organisation(client, app, app_ctx):
    response = signup(client, "Lea@Lunel.example.fr")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Vérifiez votre boîte aux lettres" in page
    confirmed = confirm_address(client, app, "lea@lunel.example.fr")
    page = client.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert "Adresse confirmée : bienvenue sur procure" in page
    assert "Ville de Lunel attend la validation d'un facilitateur" in page
    user = db.session.scalar(db.select(User).where(User.email == "lea@lunel.example.fr"))
    assert user is not None and user.organisation.name == "Ville de Lunel"
    assert user.password_hash.startswith("scrypt:")
    assert "un-mot-de-passe-long" not in user.password_hash


def test_login_then_logout(client, app_ctx):
    make_buyer("buyer@example.org")
    response = login(client, "buyer@example.org", PASSWORD)
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "buyer@example.org" in home
    token = csrf_token(client, "/")
    client.post("/account/logout", data={"csrf_token": token})
    assert "buyer@example.org" not in client.get("/").get_data(as_text=True)


def test_wrong_password_is_refused(client, app_ctx):
    make_buyer("buyer@example.org")
    page = login(client, "buyer@example.org", "wrong-password").get_data(as_text=True)
    assert "mot de passe incorrect" in page


def test_buyer_cannot_open_admin_page(client, app_ctx):
    make_buyer("buyer@example.org")
    login(client, "buyer@example.org", PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "accès" in response.get_data(as_text=True)


def test_admin_opens_admin_page(client, app_ctx):
    make_admin("admin@example.org")
    login(client, "admin@example.org", PASSWORD)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Structures en attente de vérification" in page


def test_anonymous_is_sent_to_login(client, app_ctx):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login?next=")


def test_forged_form_without_csrf_token_is_refused(client, app_ctx):
    make_buyer("buyer@example.org")
    response = client.post(
        "/account/login", data={"email": "buyer@example.org", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "ne vient pas de ce site" in response.get_data(as_text=True)
    assert "buyer@example.org" not in client.get("/").get_data(as_text=True)  # not signed in
    signup = client.post(
        "/account/signup",
        data={
            "role": "buyer",
            "name": "X",
            "organisation": "Y",
            "email": "x@example.org",
            "password": "un-mot-de-passe-long",
            "confirm": "un-mot-de-passe-long",
        },
    )
    assert signup.status_code == 400
    assert db.session.scalar(db.select(User).where(User.email == "x@example.org")) is None


def test_wrong_password_six_times_is_throttled(client, app_ctx):
    make_buyer("buyer@example.org")
    for _ in range(6):
        assert login(client, "buyer@example.org", "wrong-password").status_code == 200
    throttled = login(client, "buyer@example.org", PASSWORD)
    assert throttled.status_code == 429
    assert "Trop de tentatives" in throttled.get_data(as_text=True)


def test_external_next_url_is_ignored(client, app_ctx):
    make_buyer("buyer@example.org")
    for target in ("https://evil.example.com/", "//evil.example.com/x", "/\\evil.example.com"):
        client.get("/")  # fresh page for a token
        response = login(client, "buyer@example.org", PASSWORD, next_url=target)
        assert response.headers["Location"] == "/", target
        client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    response = login(client, "buyer@example.org", PASSWORD, next_url="/admin/")
    assert response.headers["Location"] == "/admin/"


def _reset_link(outbox: Path) -> str:
    messages = sorted(outbox.glob("*.eml"))
    assert messages, "no reset e-mail in the outbox"
    body = message_from_bytes(messages[-1].read_bytes()).get_payload(decode=True).decode()
    return re.search(r"http://localhost(/account/reset/\S+)", body).group(1)


def test_password_reset_link_works_once(client, app, app_ctx):
    make_buyer("buyer@example.org")
    client.post(
        "/account/reset",
        data={"csrf_token": csrf_token(client, "/account/reset"), "email": "buyer@example.org"},
    )
    link = _reset_link(Path(app.config["OUTBOX_DIR"]))
    new = "a-brand-new-password"
    form_url = client.get(link).headers["Location"]
    response = client.post(
        form_url,
        data={"csrf_token": csrf_token(client, form_url), "password": new, "confirm": new},
        follow_redirects=True,
    )
    assert "Mot de passe changé" in response.get_data(as_text=True)
    assert login(client, "buyer@example.org", new).status_code == 302
    again = client.get(link, follow_redirects=True).get_data(as_text=True)
    assert "déjà servi" in again


def test_password_reset_link_expires(client, app, app_ctx, monkeypatch):
    make_buyer("buyer@example.org")
    client.post(
        "/account/reset",
        data={"csrf_token": csrf_token(client, "/account/reset"), "email": "buyer@example.org"},
    )
    link = _reset_link(Path(app.config["OUTBOX_DIR"]))
    later = time.time() + app.config["PASSWORD_RESET_MAX_AGE"] + 5
    monkeypatch.setattr(time, "time", lambda: later)
    page = client.get(link, follow_redirects=True).get_data(as_text=True)
    assert "Ce lien a expiré" in page


def test_unknown_address_gets_the_same_answer_and_no_mail(client, app, app_ctx):
    response = client.post(
        "/account/reset",
        data={"csrf_token": csrf_token(client, "/account/reset"), "email": "nobody@example.org"},
        follow_redirects=True,
    )
    assert "Si un compte existe" in response.get_data(as_text=True)
    assert not list(Path(app.config["OUTBOX_DIR"]).glob("*.eml"))


def test_security_headers_and_error_pages_leak_nothing(client, app_ctx):
    response = client.get("/does-not-exist")
    assert response.status_code == 404
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Traceback" not in response.get_data(as_text=True)


def test_english_is_available(client, app_ctx):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Responsible public purchasing" in page
    french = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Des achats publics responsables" in french


def test_create_admin_command(runner, app_ctx):
    result = runner.invoke(args=["users", "create-admin", "Facil@Example.org"])
    assert result.exit_code == 0, result.output
    assert "password: " in result.output
    user = db.session.scalar(db.select(User).where(User.email == "facil@example.org"))
    assert user.is_admin
    again = runner.invoke(args=["users", "create-admin", "facil@example.org"])
    assert again.exit_code != 0 and "existe déjà" in again.output


def test_organisation_with_accented_name_is_found_again(app_ctx):
    from procure.accounts.services import get_or_create_organisation

    first = get_or_create_organisation(db.session, "Caisse des Écoles de Nîmes")
    db.session.commit()
    again = get_or_create_organisation(db.session, "Caisse  des Écoles de Nîmes")
    assert again.id == first.id
