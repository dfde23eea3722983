"""Sign-up: the role from the home page, confirmed addresses, and nothing revealed (#9, #12)."""

from __future__ import annotations

import re
import time

from sqlalchemy import func, select

from procure.accounts.models import Organisation, User
from procure.extensions import db
from procure.mail.models import OutboxMessage
from tests.accounts.helpers import (
    NEW_PASSWORD,
    body,
    confirm_address,
    link,
    mails,
    signup,
    signup_and_confirm,
)
from tests.conftest import csrf_token, login
from tests.factories import make_buyer


def _checked_role(page: str) -> str:
    return re.search(r'<input checked[^>]*name="role"[^>]*value="(\w+)"', page).group(1)


def test_the_home_page_buttons_open_sign_up_on_their_role(client, app_ctx):
    home = client.get("/").get_data(as_text=True)
    supplier_link = re.search(r'href="([^"]+)">Inscrire ma structure', home).group(1)
    buyer_link = re.search(r'href="([^"]+)">Créer un compte acheteur', home).group(1)
    assert _checked_role(client.get(supplier_link).get_data(as_text=True)) == "supplier"
    assert _checked_role(client.get(buyer_link).get_data(as_text=True)) == "buyer"
    assert _checked_role(client.get("/account/signup").get_data(as_text=True)) == "buyer"
    assert _checked_role(client.get("/account/signup?role=admin").get_data(as_text=True)) == "buyer"


def test_the_organisation_field_is_for_buyers_only(client, app, app_ctx):
    page = client.get("/account/signup?role=supplier").get_data(as_text=True)
    assert '<div class="buyer-only">' in page  # hidden by the style sheet for suppliers
    assert 'href="/static/accounts.css"' in page
    static = client.get("/static/accounts.css")
    css = static.get_data(as_text=True)
    static.close()
    assert 'value="supplier"]:checked) .buyer-only { display: none; }' in css
    # Without that support the field is sent, and ignored.
    signup_and_confirm(client, app, "s@jardins.example.org", role="supplier", organisation="CHU")
    assert db.session.scalar(select(func.count(Organisation.id))) == 0
    assert db.session.scalar(select(User)).organisation_id is None
    buyer = signup(client, "b@example.org", role="buyer", organisation="")
    assert "Indiquez votre organisation acheteuse" in buyer.get_data(as_text=True)


def _main(page: str) -> str:
    return page.split('<main id="main" tabindex="-1">')[1].split("</main>")[0]


def test_sign_up_looks_the_same_for_a_new_and_an_existing_address(client, app, app_ctx):
    owner = make_buyer("claire@example.org")
    before = owner.password_hash
    existing = signup(client, "Claire@Example.org")
    new = signup(client, "nouvelle@example.org")
    assert existing.status_code == new.status_code == 302
    assert existing.headers["Location"] == new.headers["Location"] == "/account/signup/done"
    existing_page = client.get(existing.headers["Location"]).get_data(as_text=True)
    new_page = client.get(new.headers["Location"]).get_data(as_text=True)
    assert existing_page == new_page and "Vérifiez votre boîte aux lettres" in new_page
    # The owner is told by e-mail, and nothing about the account changed.
    (notice,) = mails(app, "claire@example.org")
    assert "qui a déjà un compte. Nous n'avons rien changé" in body(notice)
    db.session.expire_all()
    assert db.session.get(User, owner.id).password_hash == before
    assert db.session.scalar(select(func.count(User.id))) == 2
    (confirmation,) = mails(app, "nouvelle@example.org")
    assert "/account/verify/" in body(confirmation)


def test_an_unconfirmed_account_cannot_log_in_and_may_ask_again(client, app, app_ctx):
    signup(client, "lea@lunel.example.fr")
    page = login(client, "lea@lunel.example.fr", NEW_PASSWORD).get_data(as_text=True)
    assert "Confirmez d&#39;abord votre adresse e-mail" in page
    assert "Renvoyer le lien de confirmation" in page
    assert "lea@lunel.example.fr" not in client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    resent = client.post(
        "/account/verify/resend",
        data={"csrf_token": token, "email": "lea@lunel.example.fr"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "un nouveau lien vient d&#39;être envoyé" in resent
    assert len(mails(app, "lea@lunel.example.fr")) == 2
    unknown = client.post(
        "/account/verify/resend",
        data={"csrf_token": csrf_token(client, "/account/login"), "email": "x@example.org"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "un nouveau lien vient d&#39;être envoyé" in unknown and not mails(app, "x@example.org")
    # The link logs in once, then is spent.
    verify = link(app, "lea@lunel.example.fr", "/account/verify/")
    assert client.get(verify).headers["Location"] == "/account/"
    assert "lea@lunel.example.fr" in client.get("/").get_data(as_text=True)
    again = client.get(verify, follow_redirects=True).get_data(as_text=True)
    assert "Ce lien a déjà servi" in again


def test_a_confirmation_link_expires(client, app, app_ctx, monkeypatch):
    signup(client, "lea@lunel.example.fr")
    later = time.time() + app.config["EMAIL_VERIFY_MAX_AGE"] + 5
    monkeypatch.setattr(time, "time", lambda: later)
    page = confirm_address(client, app, "lea@lunel.example.fr")
    assert "Ce lien a expiré" in client.get(page.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(User)).email_verified_at is None


def test_confirmation_mail_goes_through_the_outbox_once(client, app, runner, app_ctx):
    signup(client, "lea@lunel.example.fr")
    (row,) = db.session.scalars(select(OutboxMessage)).all()
    assert (row.kind, row.status, row.recipient) == ("verify", "sent", "lea@lunel.example.fr")
    result = runner.invoke(args=["digest", "send"])
    assert result.output.strip().splitlines()[-1] == "sent=0 skipped=0 failed=0"
    assert len(mails(app, "lea@lunel.example.fr")) == 1


def test_sign_up_is_rate_limited_per_address(client, app_ctx):
    for n in range(10):
        assert signup(client, f"p{n}@example.org").status_code == 302
    refused = signup(client, "p10@example.org")
    assert refused.status_code == 429
    assert "Trop de" in refused.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "p10@example.org")) is None


def test_administrators_and_invited_accounts_are_confirmed(runner, app_ctx):
    result = runner.invoke(args=["users", "create-admin", "facil@example.org"])
    assert result.exit_code == 0
    assert db.session.scalar(select(User)).is_verified
