"""Sessions the server can end: log-out, password change and reset, "log out everywhere"."""

from __future__ import annotations

from sqlalchemy import func, select

from procure.accounts.models import LoginSession
from procure.extensions import db
from tests.accounts.helpers import link, logout
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_buyer

EMAIL = "claire@example.org"


def _signed_in(client) -> bool:
    return EMAIL in client.get("/").get_data(as_text=True)


def _cookie(client, name: str) -> str:
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    return cookie.value


def test_a_session_cookie_replayed_after_log_out_is_logged_out(client, app, app_ctx):
    make_buyer(EMAIL)
    login(client, EMAIL, PASSWORD)
    saved = _cookie(client, "session")
    # The saved cookie works while the session lasts (the test could fail)...
    other = app.test_client()
    other.set_cookie("session", saved)
    assert _signed_in(other)
    logout(client)
    # ...and no longer once its owner logged out.
    other.set_cookie("session", saved)
    assert not _signed_in(other)
    assert other.get("/account/").headers["Location"].startswith("/account/login")


def test_a_remember_me_cookie_replayed_after_log_out_is_refused(client, app, app_ctx):
    make_buyer(EMAIL)
    token = csrf_token(client, "/account/login")
    client.post(
        "/account/login",
        data={"email": EMAIL, "password": PASSWORD, "remember": "y", "csrf_token": token},
    )
    remember = _cookie(client, "remember_token")
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember)
    assert _signed_in(fresh)  # a remember-me cookie alone signs in...
    logout(client)
    later = app.test_client()
    later.set_cookie("remember_token", remember)
    assert not _signed_in(later)  # ...until its session is ended


def test_log_out_ends_only_this_session(client, app, app_ctx):
    make_buyer(EMAIL)
    phone = app.test_client()
    login(phone, EMAIL, PASSWORD)
    login(client, EMAIL, PASSWORD)
    logout(client)
    assert not _signed_in(client) and _signed_in(phone)


def test_log_out_everywhere(client, app, app_ctx):
    make_buyer(EMAIL)
    phone, laptop = app.test_client(), app.test_client()
    for browser in (phone, laptop, client):
        login(browser, EMAIL, PASSWORD)
    page = client.get("/account/").get_data(as_text=True)
    assert "Se déconnecter partout" in page
    done = client.post(
        "/account/logout-everywhere",
        data={"csrf_token": csrf_token(client, "/account/")},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Vous êtes déconnecté partout" in done
    assert not any(_signed_in(b) for b in (phone, laptop, client))
    assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0


def test_changing_the_password_ends_the_other_sessions(client, app, app_ctx):
    make_buyer(EMAIL)
    phone = app.test_client()
    login(phone, EMAIL, PASSWORD)
    login(client, EMAIL, PASSWORD)
    new = "un-tout-nouveau-mot-de-passe"
    wrong = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(client, "/account/"),
            "current": "pas-le-bon-mot-de-passe",
            "password": new,
            "confirm": new,
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Le mot de passe actuel n&#39;est pas le bon" in wrong and _signed_in(phone)
    page = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(client, "/account/"),
            "current": PASSWORD,
            "password": new,
            "confirm": new,
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Sessions fermées sur vos autres appareils : 1" in page
    assert _signed_in(client) and not _signed_in(phone)
    logout(client)
    assert login(client, EMAIL, new).status_code == 302


def test_a_password_reset_ends_every_session(client, app, app_ctx):
    make_buyer(EMAIL)
    thief = app.test_client()
    login(thief, EMAIL, PASSWORD)
    client.post(
        "/account/reset",
        data={"csrf_token": csrf_token(client, "/account/reset"), "email": EMAIL},
    )
    form_url = client.get(link(app, EMAIL, "/account/reset/")).headers["Location"]
    new = "un-tout-nouveau-mot-de-passe"
    client.post(
        form_url,
        data={"csrf_token": csrf_token(client, form_url), "password": new, "confirm": new},
    )
    assert not _signed_in(thief)
    assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0
