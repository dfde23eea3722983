"""Preferences, unsubscribe and interest links, and the facilitators' outbox screens."""

from __future__ import annotations

from sqlalchemy import select

from procure.accounts.models import Frequency, User
from procure.digests import building, delivery, links
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.tenders.answers import interests_for_tender
from procure.tenders.models import Interest
from procure.timeutil import utcnow
from tests.conftest import csrf_token, login
from tests.digests.conftest import make_supplier_user
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier, make_tender


def _user(user_id: int) -> User:
    db.session.expire_all()
    return db.session.get(User, user_id)


def test_preferences_page_changes_frequency_and_language_with_csrf(client, app_ctx):
    buyer = make_buyer("buyer@example.org")
    login(client, "buyer@example.org", PASSWORD)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "Chaque semaine" in page and "Jamais" in page and "Chaque jour" not in page
    refused = client.post("/account/notifications", data={"frequency": "off", "language": "en"})
    assert refused.status_code == 400 and _user(buyer.id).digest_frequency == Frequency.WEEKLY
    token = csrf_token(client, "/account/notifications")
    response = client.post(
        "/account/notifications",
        data={"csrf_token": token, "frequency": "off", "language": "en"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    user = _user(buyer.id)
    assert (user.digest_frequency, user.language) == (Frequency.OFF, "en")
    # Daily is for suppliers only.
    token = csrf_token(client, "/account/notifications")
    client.post(
        "/account/notifications", data={"csrf_token": token, "frequency": "daily", "language": "fr"}
    )
    assert _user(buyer.id).digest_frequency == Frequency.OFF


def test_suppliers_may_choose_daily_alerts(client, app_ctx):
    supplier_user = make_supplier_user(make_supplier(), "s@example.org")
    login(client, "s@example.org", PASSWORD)
    token = csrf_token(client, "/account/notifications")
    client.post(
        "/account/notifications", data={"csrf_token": token, "frequency": "daily", "language": "fr"}
    )
    assert _user(supplier_user.id).digest_frequency == Frequency.DAILY


def test_one_click_unsubscribe_needs_no_login_and_only_affects_the_tokens_user(client, app_ctx):
    alice = make_buyer("alice@example.org")
    bob = make_buyer("bob@example.org")
    url = f"/notifications/unsubscribe/{links.unsubscribe_token(alice.id)}"
    page = client.get(url)
    assert "Me désabonner" in page.get_data(as_text=True)
    assert _user(alice.id).digest_frequency == Frequency.WEEKLY  # a GET changes nothing
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", with no session or CSRF.
    done = client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "vous ne recevrez plus" in done.get_data(as_text=True)
    assert _user(alice.id).digest_frequency == Frequency.OFF
    assert _user(bob.id).digest_frequency == Frequency.WEEKLY


def test_forged_or_tampered_unsubscribe_tokens_are_refused(client, app_ctx):
    alice = make_buyer("alice@example.org")
    bob = make_buyer("bob@example.org")
    token = links.unsubscribe_token(alice.id)
    _payload, _, signature = token.partition(".")
    bob_payload = links.unsubscribe_token(bob.id).partition(".")[0]
    for bad in (
        token[:-2] + "xx",
        f"{bob_payload}.{signature}",
        links.interest_token(bob.id, 1, "interested"),
    ):
        response = client.post(f"/notifications/unsubscribe/{bad}")
        assert response.status_code == 400
        assert "pas valide" in response.get_data(as_text=True)
    assert _user(bob.id).digest_frequency == Frequency.WEEKLY
    assert _user(alice.id).digest_frequency == Frequency.WEEKLY


def test_interest_link_records_the_answer_after_confirmation(client, app_ctx):
    supplier = make_supplier("Les Jardins de Cocagne")
    buyer = make_buyer()
    tender = make_tender(buyer=buyer, title="Tonte des pelouses")
    db.session.commit()
    url = links.interest_url(supplier.id, tender.id, "interested").replace("http://localhost", "")
    page = client.get(url).get_data(as_text=True)
    assert "Tonte des pelouses" in page and "Confirmer" in page
    assert interests_for_tender(db.session, tender.id) == {}
    assert client.post(url).status_code == 400  # no CSRF token
    client.post(url, data={"csrf_token": csrf_token(client, url), "reason": "Équipe à côté"})
    assert interests_for_tender(db.session, tender.id) == {supplier.id: "interested"}
    assert db.session.scalar(select(Interest.reason)) == "Équipe à côté"
    # Changing one's mind replaces the answer.
    other = links.interest_url(supplier.id, tender.id, "not_interested")
    other = other.replace("http://localhost", "")
    client.post(other, data={"csrf_token": csrf_token(client, other)})
    db.session.expire_all()
    assert interests_for_tender(db.session, tender.id) == {supplier.id: "not_interested"}
    assert len(db.session.scalars(select(Interest)).all()) == 1
    assert client.get(url[:-3] + "abc").status_code == 400


def test_outbox_screen_is_for_facilitators_and_shows_errors(client, app_ctx, smtp_down):
    make_supplier()
    buyer = make_buyer("buyer@example.org")
    make_tender(buyer=buyer, title="Entretien des espaces verts")
    make_admin("admin@example.org")
    db.session.commit()
    building.queue_digests(db.session, utcnow())
    delivery.deliver_pending(db.session)
    login(client, "buyer@example.org", PASSWORD)
    assert client.get("/admin/outbox").status_code == 403
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "admin@example.org", PASSWORD)
    page = client.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "buyer@example.org" in page and "ConnectionRefused" in page
    assert "buyer@example.org" not in client.get("/admin/outbox?status=sent").get_data(as_text=True)


def test_preview_renders_the_next_digest_without_queuing_it(client, app_ctx):
    make_supplier("Les Jardins de Cocagne")
    buyer = make_buyer("buyer@example.org")
    make_tender(buyer=buyer, title="Entretien des espaces verts")
    make_admin("admin@example.org")
    db.session.commit()
    login(client, "admin@example.org", PASSWORD)
    page = client.get(f"/admin/digests/preview/{buyer.id}").get_data(as_text=True)
    assert "Entretien des espaces verts" in page and "Les Jardins de Cocagne" in page
    assert db.session.scalars(select(OutboxMessage)).all() == []
    admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
    assert client.get(f"/admin/digests/preview/{admin.id}").status_code == 404


def test_demo_file_outbox_lists_and_shows_the_written_mail(client, app_ctx, runner):
    make_supplier()
    buyer = make_buyer("buyer@example.org")
    make_tender(buyer=buyer, title="Entretien des espaces verts")
    make_admin("admin@example.org")
    db.session.commit()
    result = runner.invoke(args=["digest", "send"])
    assert result.output.strip().splitlines()[-1] == "sent=1 skipped=0 failed=0"
    login(client, "admin@example.org", PASSWORD)
    listing = client.get("/admin/outbox/files").get_data(as_text=True)
    assert "buyer@example.org" in listing and "marchés ouverts" in listing
    name = listing.split("/admin/outbox/files/")[1].split('"')[0]
    mail = client.get(f"/admin/outbox/files/{name}").get_data(as_text=True)
    assert "Entretien des espaces verts" in mail and "Se désabonner" in mail
    assert client.get("/admin/outbox/files/..%2Fprocure.db").status_code == 404
