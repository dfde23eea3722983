"""Status e-mails: a facilitator's decision reaches the people it concerns through the
outbox, in their language, once and only once, against a real SMTP server."""

from __future__ import annotations

from sqlalchemy import select

from procure.accounts.models import Frequency, Role
from procure.digests import delivery
from procure.digests.models import MessageKind
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.suppliers.models import SupplierStatus
from procure.tenders.models import TenderStatus
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier, make_tender, make_user


def _as_admin(client) -> None:
    make_admin("facilitatrice@plie.example.fr")
    login(client, "facilitatrice@plie.example.fr", PASSWORD)


def _deliver_twice() -> None:
    for _ in range(2):
        delivery.deliver_pending(db.session)


def _body(message) -> str:
    return message.get_body(("plain",)).get_content()


def _submitted_tender(language: str = "fr", frequency: Frequency = Frequency.WEEKLY):
    buyer = make_buyer("claire@ville-sete.example.fr", organisation="Ville de Sète")
    buyer.language, buyer.digest_frequency = language, frequency
    colleague = make_buyer("paul@ville-sete.example.fr", organisation="Ville de Sète")
    tender = make_tender(buyer=buyer, title="Nettoyage des écoles", reference="SETE-01",
                         status=TenderStatus.SUBMITTED)  # fmt: skip
    db.session.commit()
    return buyer, colleague, tender


def test_a_validated_tender_is_told_to_its_buyer_once(client, app_ctx, smtp, runner):
    buyer, colleague, _tender = _submitted_tender()
    _as_admin(client)
    token = csrf_token(client, "/admin/tenders/")
    assert (
        client.post("/admin/tenders/SETE-01/validate", data={"csrf_token": token}).status_code
        == 302
    )
    # A second click finds the tender already open: no second decision, no second e-mail.
    client.post("/admin/tenders/SETE-01/validate", data={"csrf_token": token})
    _deliver_twice()
    assert runner.invoke(args=["digest", "send"]).exit_code == 0  # a manual run sends no copy
    mails = [m for m in smtp.recorder.to(buyer.email) if "est publié" in m["Subject"]]
    assert len(mails) == 1
    assert mails[0]["Subject"] == "procure : votre marché « Nettoyage des écoles » est publié"
    assert "http://localhost/tenders/SETE-01/shortlist" in _body(mails[0])
    assert mails[0]["List-Unsubscribe"] is None  # nothing to unsubscribe from
    assert not [m for m in smtp.recorder.to(colleague.email) if "publié" in m["Subject"]]


def test_a_rejected_tender_carries_the_reason_in_english_even_with_digests_off(
    client, app_ctx, smtp
):
    buyer, _colleague, tender = _submitted_tender("en", Frequency.OFF)
    _as_admin(client)
    token = csrf_token(client, "/admin/tenders/")
    reason = "Précisez le nombre d'heures d'insertion."
    client.post("/admin/tenders/SETE-01/reject", data={"csrf_token": token, "reason": reason})
    _deliver_twice()
    mails = smtp.recorder.to(buyer.email)
    assert len(mails) == 1
    assert mails[0]["Subject"] == "procure: your tender “Nettoyage des écoles” needs changes"
    assert reason in _body(mails[0]) and "Hello" in _body(mails[0])

    # Resubmitted and rejected again: a second decision, a second e-mail (and only one more).
    tender.status = TenderStatus.SUBMITTED
    db.session.commit()
    client.post("/admin/tenders/SETE-01/reject", data={"csrf_token": token, "reason": "Encore"})
    _deliver_twice()
    assert len(smtp.recorder.to(buyer.email)) == 2
    kinds = db.session.scalars(select(OutboxMessage.kind)).all()
    assert kinds == [MessageKind.TENDER_REJECTED] * 2


def test_structure_verified_then_rejected_reaches_each_of_its_users_once(client, app_ctx, smtp):
    supplier = make_supplier("Jardins de la Mosson", kinds=("ACI",), status=SupplierStatus.PENDING)
    nadia = make_user(Role.SUPPLIER, "nadia@mosson.example.org", supplier_id=supplier.id)
    sam = make_user(Role.SUPPLIER, "sam@mosson.example.org", supplier_id=supplier.id,
                    language="en")  # fmt: skip
    outsider = make_user(Role.SUPPLIER, "x@autre.example.org")
    _as_admin(client)
    url = f"/admin/suppliers/{supplier.id}"
    token = csrf_token(client, url)
    client.post(f"{url}/verify", data={"csrf_token": token})
    client.post(f"{url}/verify", data={"csrf_token": token})  # nothing changes the second time
    _deliver_twice()
    assert [m["Subject"] for m in smtp.recorder.to(nadia.email)] == [
        "procure : Jardins de la Mosson est vérifiée"
    ]
    assert [m["Subject"] for m in smtp.recorder.to(sam.email)] == [
        "procure: Jardins de la Mosson is verified"
    ]
    assert "http://localhost/suppliers/for-you" in _body(smtp.recorder.to(nadia.email)[0])
    assert "a vérifié Jardins de la Mosson :" in _body(smtp.recorder.to(nadia.email)[0])
    assert smtp.recorder.to(outsider.email) == []

    client.post(f"{url}/reject", data={"csrf_token": token, "reason": "SIRET radié"})
    _deliver_twice()
    rejected = smtp.recorder.to(nadia.email)[1]
    assert rejected["Subject"] == "procure : Jardins de la Mosson n'est pas vérifiée"
    assert "SIRET radié" in _body(rejected)
    assert "vérifier Jardins de la Mosson," in _body(rejected)
    assert len(smtp.messages) == 4


def test_the_decision_and_its_email_share_one_transaction(client, app_ctx, smtp_down):
    """Queued by the commit that validates: with the server down nothing is lost, and the
    message leaves once the server is back."""
    buyer, _colleague, _tender = _submitted_tender()
    _as_admin(client)
    token = csrf_token(client, "/admin/tenders/")
    client.post("/admin/tenders/SETE-01/validate", data={"csrf_token": token})
    assert delivery.deliver_pending(db.session).failed == 1
    smtp_down.start()
    assert delivery.deliver_pending(db.session, retry_failed_now=True).sent == 1
    assert delivery.deliver_pending(db.session, retry_failed_now=True).sent == 0
    assert len(smtp_down.recorder.to(buyer.email)) == 1


def test_the_outbox_screen_names_kinds_and_statuses_in_words_and_paris_time(client, app_ctx, smtp):
    _buyer, _colleague, _tender = _submitted_tender()
    _as_admin(client)
    token = csrf_token(client, "/admin/tenders/")
    client.post("/admin/tenders/SETE-01/validate", data={"csrf_token": token})
    delivery.deliver_pending(db.session)
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert "marché validé" in page and "envoyé" in page
    assert ">tender_ok<" not in page and ">sent<" not in page
    row = db.session.scalar(select(OutboxMessage))
    assert row.sent_at.strftime("%Y-%m-%d") not in page  # no ISO date
