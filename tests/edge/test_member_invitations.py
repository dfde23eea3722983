"""Adding a member to a supplier does not tell whether an address has an account (#9).

The page says the same and the member list changes the same way whatever the address; what
differs is the e-mail, which only the address's owner reads.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from procure.accounts.models import Role, User
from procure.extensions import db
from tests.accounts.helpers import NEW_PASSWORD, body, link, mails
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_buyer, make_supplier, make_user
from tests.suppliers.helpers import make_supplier_user


def _invite(client, supplier, email: str) -> str:
    url = f"/suppliers/{supplier.id}"
    page = client.post(
        f"{url}/members",
        data={"csrf_token": csrf_token(client, url), "email": email},
        follow_redirects=True,
    ).get_data(as_text=True)
    page = re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", page)  # timestamped
    return re.sub(re.escape(email), "ADDRESS", page)  # the page without the address typed


def test_the_page_is_the_same_whatever_the_address_and_the_mails_differ(client, app, app_ctx):
    atelier = make_supplier(name="Atelier")
    other = make_supplier(name="Autre structure")
    make_supplier_user(atelier, "s@example.org")
    make_supplier_user(other, "taken@example.org")
    make_buyer("acheteur@example.org")
    make_user(Role.SUPPLIER, "free@example.org")  # a supplier account without a structure
    login(client, "s@example.org", PASSWORD)

    pages = {
        email: _invite(client, atelier, email)
        for email in (
            "nobody@example.org",
            "taken@example.org",
            "acheteur@example.org",
            "free@example.org",
        )
    }
    assert len(set(pages.values())) == 1, "the answer tells the addresses apart"
    page = pages["nobody@example.org"]
    assert "Une invitation a été envoyée à ADDRESS." in page
    assert "ADDRESS" not in page.split("Une invitation a été envoyée à ADDRESS.")[1]  # not listed

    # Nobody was attached or moved by someone else's action.
    assert (
        db.session.scalar(select(User).where(User.email == "taken@example.org")).supplier_id
        == other.id
    )
    assert (
        db.session.scalar(select(User).where(User.email == "free@example.org")).supplier_id is None
    )

    (new,) = mails(app, "nobody@example.org")
    assert "/account/reset/" in body(new) and "Atelier" in body(new)
    (free,) = mails(app, "free@example.org")
    assert "/suppliers/join/" in body(free) and "connectez-vous" in body(free)
    for refused in ("taken@example.org", "acheteur@example.org"):
        (notice,) = mails(app, refused)
        assert "ne peut pas la rejoindre" in body(notice)
        assert "http://localhost/" not in body(notice)  # no link to act on


def test_the_invited_people_join_by_their_links_only(client, app, app_ctx):
    atelier = make_supplier(name="Atelier")
    make_supplier_user(atelier, "s@example.org")
    make_user(Role.SUPPLIER, "free@example.org")
    make_user(Role.SUPPLIER, "intruder@example.org")
    login(client, "s@example.org", PASSWORD)
    _invite(client, atelier, "nobody@example.org")
    _invite(client, atelier, "free@example.org")
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/account/")})

    # The new account appears once its owner has chosen a password from the link.
    client.get(link(app, "nobody@example.org", "/account/reset/"), follow_redirects=True)
    client.post(
        "/account/password/new",
        data={
            "csrf_token": csrf_token(client, "/account/password/new"),
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    login(client, "nobody@example.org", NEW_PASSWORD)
    page = client.get(f"/suppliers/{atelier.id}").get_data(as_text=True)
    assert "nobody@example.org" in page

    # The join link works for the invited account only.
    join = link(app, "free@example.org", "/suppliers/join/")
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/account/")})
    login(client, "intruder@example.org", PASSWORD)
    refused = client.get(join, follow_redirects=True).get_data(as_text=True)
    assert "destinée à un autre compte" in refused
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/account/")})
    login(client, "free@example.org", PASSWORD)
    joined = client.get(join, follow_redirects=True).get_data(as_text=True)
    assert "Vous faites maintenant partie de Atelier." in joined
    assert "free@example.org" in joined  # now in the member list
