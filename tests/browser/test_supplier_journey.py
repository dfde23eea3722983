"""The supplier's journey in a real browser, walked four times (French and English, 1280 and
375 px): sign up from the home page, register the structure, be verified by a facilitator and
e-mailed once in one's own language, open a tender from "Marchés pour vous", say interested
with a reason, and the buyer reads it. Every page visited is checked (tests/browser/a11y.py):
axe-core 0 violations, no sideways scrolling, header controls on screen, a screenshot kept
under $PROCURE_BROWSER_ARTEFACTS."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from procure.accounts.models import Role, User
from procure.digests import jobs
from procure.digests.models import MessageKind
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.matching.service import forget_index
from procure.tenders.models import TenderStatus
from tests.browser.a11y import Tour, tr
from tests.browser.journey import (
    EVERY_VARIANT,
    first_variant_only_on_postgres,
    ids,
    log_in,
    log_out,
    mails_to,
    nav,
    plain_text,
)
from tests.factories import make_siret, make_supplier, make_tender, make_user

pytestmark = pytest.mark.browser

STRUCTURE = "Jardins de la Mosson"
SUPPLIER_EMAIL = "nadia@jardins-mosson.example.org"
SUPPLIER_PASSWORD = "un-mot-de-passe-long"
BUYER_EMAIL = "marie@montpellier.example.fr"
FACILITATOR = "facilitateur@example.org"
TITLE = "Entretien des espaces verts du parc de la Mosson"
REASON = "Nous entretenons déjà le parc voisin avec une équipe de huit salariés en insertion."


def _tenders(lang: str) -> None:
    buyer = make_user(Role.BUYER, BUYER_EMAIL, organisation="Montpellier Métropole", language=lang)
    tender = make_tender(
        TITLE,
        "Tonte des pelouses, taille des haies et débroussaillage du parc de la Mosson, "
        "avec des heures d'insertion.",
        ["34"],
        buyer=buyer,
        reference="MTP-2027-PARCS",
        clauses=[{"type": "insertion", "hours": 400}],
        cpv_codes=["77310000"],
        deadline=date.today() + timedelta(days=45),
    )
    tender.estimated_value = 185000
    tender.contact_name, tender.contact_email = "Service des achats", "achats@mtp.example.fr"
    make_tender(
        "Brouillon invisible",
        "Pas encore publié",
        ["34"],
        buyer=buyer,
        reference="MTP-DRAFT",
        status=TenderStatus.DRAFT,
    )
    db.session.commit()


def _sign_up(tour: Tour, outbox: Path) -> None:
    """From the home page's "Inscrire ma structure" to the confirmed account."""
    page = tour.page
    tour.go("/")
    tour.check("home")
    page.locator("main").get_by_role("link", name=tour.t("Inscrire ma structure")).click()
    expect(page.get_by_label(tour.t("une structure de l'ESS (fournisseur)"))).to_be_checked()
    tour.check("signup")
    page.get_by_label(tour.t("Votre nom")).fill("Nadia Haddad")
    page.get_by_label(tour.t("Adresse e-mail")).fill(SUPPLIER_EMAIL)
    page.get_by_label(tour.t("Mot de passe"), exact=True).fill(SUPPLIER_PASSWORD)
    page.get_by_label(tour.t("Confirmez le mot de passe")).fill(SUPPLIER_PASSWORD)
    page.get_by_role("button", name=tour.t("Créer mon compte")).click()
    assert page.url.endswith("/account/signup/done")
    tour.check("signup-done")
    (confirmation,) = mails_to(outbox, SUPPLIER_EMAIL)
    link = re.search(r"https?://\S+/account/verify/\S+", plain_text(confirmation))
    assert link, plain_text(confirmation)
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name=tour.t("Inscrire ma structure"))).to_be_visible()


def _register(tour: Tour) -> None:
    page = tour.page
    tour.check("register")
    page.get_by_label(tour.t("SIRET")).fill(make_siret())
    page.get_by_label(tour.t("Nom de la structure")).fill(STRUCTURE)
    page.get_by_label(tour.t("Forme juridique")).select_option("association")
    page.get_by_label(tour.t("ACI — atelier et chantier d'insertion")).check()
    page.get_by_label(tour.t("Ce que vous savez faire")).fill(
        "Entretien des espaces verts, tonte, taille de haies et débroussaillage par des "
        "salariés en parcours d'insertion."
    )
    page.get_by_label(tour.t("Départements (codes)")).fill("34, 30")
    page.get_by_role("button", name=tour.t("Enregistrer")).click()
    expect(page.locator("[data-status]")).to_have_text(tour.t("en attente de vérification"))
    tour.check("structure-registered")
    # Not verified yet: a tender's page is refused, "Marchés pour vous" says why.
    response = page.goto(f"{tour.base}/tenders/MTP-2027-PARCS")
    assert response is not None and response.status == 403
    tour.check("tender-refused")
    tour.go("/suppliers/for-you")
    expect(page.locator("main")).to_contain_text(
        tour.t(
            "Votre structure n'est pas encore vérifiée par un facilitateur : les marchés vous "
            "seront proposés dès sa vérification."
        )
    )
    tour.check("for-you-pending")


def _verify(tour: Tour) -> None:
    page = tour.page
    log_in(tour, FACILITATOR)
    nav(tour, "Structures")
    page.locator("select[name=status]").select_option("pending")
    page.locator("form.filters button[type=submit]").click()
    page.get_by_role("link", name=STRUCTURE).click()
    tour.check("facilitator-supplier")
    page.get_by_role("button", name=tour.t("Vérifier la structure")).click()
    expect(page.locator(".flash")).to_contain_text(tour.t("%(name)s est vérifiée.", name=STRUCTURE))
    tour.check("facilitator-verified")


def _told_once(app: Flask, tour: Tour, outbox: Path, lang: str) -> str:
    """One "verified" e-mail to the supplier, in its language, that leads to its tenders;
    delivering again sends nothing more. Returns the "Marchés pour vous" link."""
    assert "sent=1" in jobs.deliver_mail(db.session)
    assert "sent=0" in jobs.deliver_mail(db.session)
    db.session.rollback()
    user = db.session.scalar(select(User).where(User.email == SUPPLIER_EMAIL))
    assert user is not None and user.language == lang  # signed up in this language
    kinds = db.session.scalars(
        select(OutboxMessage.kind).where(OutboxMessage.user_id == user.id)
    ).all()
    assert sorted(map(str, kinds)).count(str(MessageKind.SUPPLIER_VERIFIED)) == 1, kinds
    subject = tr(app, lang, "procure : %(name)s est vérifiée", name=STRUCTURE)
    verified = [m for m in mails_to(outbox, SUPPLIER_EMAIL) if m["Subject"] == subject]
    assert len(verified) == 1, [m["Subject"] for m in mails_to(outbox, SUPPLIER_EMAIL)]
    text = plain_text(verified[0])
    assert STRUCTURE in text
    link = re.search(r"https?://\S+/suppliers/for-you", text)
    assert link, text
    # The facilitator reads it in the file outbox, as it was sent.
    tour.go("/admin/outbox/files")
    tour.page.get_by_role("link", name=subject).click()
    expect(tour.page.locator("main")).to_contain_text(SUPPLIER_EMAIL)
    tour.check("verification-mail")
    return link.group(0)


def _answer(tour: Tour, for_you: str) -> None:
    page = tour.page
    log_in(tour, SUPPLIER_EMAIL, SUPPLIER_PASSWORD)
    page.goto(for_you)
    expect(page.get_by_role("heading", name=tour.t("Marchés pour vous"))).to_be_visible()
    expect(page.locator("table.for-you")).to_contain_text(TITLE)
    expect(page.get_by_text("Brouillon invisible")).to_have_count(0)
    tour.check("for-you")
    page.get_by_role("link", name=TITLE).click()
    expect(
        page.get_by_role("heading", name=tour.t("Pourquoi procure vous le propose"))
    ).to_be_visible()
    expect(page.locator("[data-contact]")).to_contain_text("achats@mtp.example.fr")
    expect(page.locator("[data-deadline]")).to_contain_text(
        format_date(date.today() + timedelta(days=45), "long", locale=tour.lang)
    )
    expect(page.locator("ul.clauses")).to_contain_text(tour.t("Clause d'insertion"))
    expect(page.locator("main")).not_to_contain_text(BUYER_EMAIL)
    tour.check("tender")
    page.get_by_label(tour.t("Pourquoi ? (facultatif, l'acheteur le lira)")).fill(REASON)
    page.get_by_role("button", name=tour.t("Intéressé"), exact=True).click()
    expect(page.locator(".flash")).to_contain_text(
        tour.t("C'est noté : l'acheteur voit que vous êtes intéressés.")
    )
    expect(page.locator("main")).to_contain_text(tour.t("Vous avez répondu : intéressé"))
    tour.check("answered")


def _buyer_reads(tour: Tour) -> None:
    page = tour.page
    log_in(tour, BUYER_EMAIL)
    tour.go("/tenders/MTP-2027-PARCS")
    answers = page.locator("ul.answers li", has_text=STRUCTURE)
    expect(answers).to_contain_text(tour.t("intéressé"))
    expect(answers).to_contain_text(REASON)
    tour.check("buyer-tender")
    tour.go("/tenders/MTP-2027-PARCS/shortlist")
    row = page.locator("table.shortlist tr", has_text=STRUCTURE)
    expect(row.locator("[data-interest=interested]")).to_contain_text(tour.t("intéressé"))
    expect(row).to_contain_text(REASON)
    tour.check("buyer-shortlist")


@pytest.mark.parametrize(("lang", "width"), EVERY_VARIANT, ids=ids(EVERY_VARIANT))
def test_supplier_signs_up_is_verified_and_answers_a_tender_the_buyer_sees(
    app: Flask, app_ctx, open_tab, live_server: str, artefacts: Path, monkeypatch, lang, width
) -> None:
    first_variant_only_on_postgres(app, lang, width, EVERY_VARIANT[0])
    forget_index()
    monkeypatch.setitem(app.config, "BASE_URL", live_server)  # e-mail links to this server
    make_user(Role.ADMIN, FACILITATOR, language=lang)
    _tenders(lang)
    outbox = Path(app.config["OUTBOX_DIR"])

    def tour(who: str) -> Tour:
        return Tour(open_tab(lang, width), live_server, app, lang, width, artefacts, who, False)

    supplier = tour("supplier")
    _sign_up(supplier, outbox)
    _register(supplier)
    log_out(supplier)
    facilitator = tour("facil")
    _verify(facilitator)
    for_you = _told_once(app, facilitator, outbox, lang)
    _answer(supplier, for_you)
    _buyer_reads(tour("buyer"))
    shots = sorted(p.name for p in artefacts.glob("*.png"))
    assert len(shots) == len(supplier.checked + facilitator.checked) + 2, shots
    forget_index()


def test_in_english_on_a_phone_a_supplier_reads_and_declines_a_reserved_tender(
    app: Flask, app_ctx, open_tab, live_server: str, artefacts: Path
) -> None:
    deadline = date.today() + timedelta(days=20)
    make_tender(
        "Nettoyage des bureaux de Nîmes",
        "Nettoyage quotidien des locaux et bureaux administratifs de la ville.",
        ["30"],
        reference="NIM-2027-NET",
        organisation="Ville de Nîmes",
        clauses=[{"type": "reserved_inclusion"}],
        deadline=deadline,
    )
    supplier = make_supplier(
        "Net Insertion Gard",
        "Nettoyage de locaux et de bureaux, entreprise d'insertion.",
        ["30"],
        kinds=["EI"],
    )
    make_user(Role.SUPPLIER, "tom@net-gard.example.org", supplier_id=supplier.id, language="en")

    tour = Tour(open_tab("en", 375), live_server, app, "en", 375, artefacts, "decline")
    page = tour.page
    log_in(tour, "tom@net-gard.example.org")
    tour.go("/suppliers/for-you")
    expect(page.get_by_role("heading", name="Tenders for you")).to_be_visible()
    expect(page.locator("table.for-you")).to_contain_text(format_date(deadline, "long", "en"))
    tour.check("for-you")
    page.get_by_role("link", name="Nettoyage des bureaux de Nîmes").click()
    expect(page.get_by_role("heading", name="Why procure suggests it to you")).to_be_visible()
    expect(page.get_by_text("Only work-integration organisations")).to_be_visible()
    expect(page.get_by_text("Your organisation has the required status")).to_be_visible()
    tour.check("tender")
    page.get_by_label("Why? (optional, the buyer will read it)").fill("No team free in June")
    page.get_by_role("button", name="Not interested").click()
    expect(page.get_by_text("Noted: the buyer sees that you are not interested.")).to_be_visible()
    expect(page.get_by_text("You answered: not interested")).to_be_visible()
    tour.check("declined")
