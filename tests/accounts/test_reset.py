"""Password reset: one message through the outbox, and a token that leaves the URL (#9)."""

from __future__ import annotations

import socket

from sqlalchemy import select

from procure.accounts.models import Frequency
from procure.extensions import db
from procure.mail.models import OutboxMessage
from tests.accounts.helpers import body, link, mails
from tests.conftest import csrf_token, login
from tests.factories import make_buyer

EMAIL = "claire@example.org"


def _ask(client):
    return client.post(
        "/account/reset",
        data={"csrf_token": csrf_token(client, "/account/reset"), "email": EMAIL},
        follow_redirects=True,
    )


def test_the_reset_mail_goes_through_the_outbox_exactly_once(client, app, runner, app_ctx):
    user = make_buyer(EMAIL)
    user.digest_frequency = Frequency.OFF  # digests off: account mail still arrives
    db.session.commit()
    assert "Si un compte existe" in _ask(client).get_data(as_text=True)
    (row,) = db.session.scalars(select(OutboxMessage)).all()
    assert (row.kind, row.status, row.recipient) == ("reset", "sent", EMAIL)
    result = runner.invoke(args=["digest", "send"])
    assert result.output.strip().splitlines()[-1] == "sent=0 skipped=0 failed=0"
    (message,) = mails(app, EMAIL)
    assert "changer votre mot de passe" in message["Subject"]
    assert message["List-Unsubscribe"] is None  # a transactional message, not a newsletter
    assert "/account/reset/" in body(message)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_reset_mail_that_could_not_leave_is_delivered_later_once(
    client, app, runner, app_ctx, monkeypatch
):
    make_buyer(EMAIL)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", _closed_port())
    assert "Si un compte existe" in _ask(client).get_data(as_text=True)  # no error page
    db.session.expire_all()
    row = db.session.scalar(select(OutboxMessage))
    assert row.status == "failed" and "Connection" in row.last_error
    assert not mails(app, EMAIL)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    result = runner.invoke(args=["digest", "send"])
    assert result.output.strip().splitlines()[-1] == "sent=1 skipped=0 failed=0"
    assert len(mails(app, EMAIL)) == 1
    assert (
        runner.invoke(args=["digest", "send"]).output.strip().endswith("sent=0 skipped=0 failed=0")
    )


def test_the_reset_token_leaves_the_url_after_the_first_hit(client, app, app_ctx):
    make_buyer(EMAIL)
    _ask(client)
    emailed = link(app, EMAIL, "/account/reset/")
    token = emailed.rsplit("/", 1)[1]
    first = client.get(emailed)
    assert first.status_code == 302
    final_url = first.headers["Location"]
    assert final_url == "/account/password/new" and token not in final_url
    form = client.get(final_url)
    assert form.status_code == 200 and token not in form.get_data(as_text=True)
    assert "Nouveau mot de passe" in form.get_data(as_text=True)
    new = "un-tout-nouveau-mot-de-passe"
    done = client.post(
        final_url,
        data={"csrf_token": csrf_token(client, final_url), "password": new, "confirm": new},
    )
    assert done.headers["Location"] == "/account/login"
    assert login(client, EMAIL, new).status_code == 302
    # The session no longer holds the token, and the e-mailed link is spent.
    assert client.get(final_url).headers["Location"] == "/account/reset"
    again = client.get(emailed, follow_redirects=True).get_data(as_text=True)
    assert "Ce lien a déjà servi" in again


def test_the_new_password_page_without_a_link_sends_back_to_the_request(client, app_ctx):
    page = client.get("/account/password/new", follow_redirects=True).get_data(as_text=True)
    assert "Ouvrez le lien reçu par e-mail" in page


def test_a_reset_request_is_answered_first_and_mails_only_an_account(
    client, app, app_ctx, monkeypatch
):
    """In production the request only hands its work to the account-mail thread, so the
    answer takes as long for any address (scripts/reset_timing.py measures it); an address
    nobody registered is never mailed."""
    from procure.accounts import mails as account_mails

    make_buyer(EMAIL)
    monkeypatch.setitem(app.config, "RESET_IN_BACKGROUND", True)
    pages = []
    for email in (EMAIL, "nobody@example.org"):
        pages.append(
            client.post(
                "/account/reset",
                data={"csrf_token": csrf_token(client, "/account/reset"), "email": email},
                follow_redirects=True,
            ).get_data(as_text=True)
        )
    assert "Si un compte existe" in pages[0] and "Si un compte existe" in pages[1]
    account_mails.drain()
    (reset,) = mails(app, EMAIL)
    assert "/account/reset/" in body(reset)
    assert mails(app, "nobody@example.org") == []
