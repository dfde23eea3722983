"""The buyer's and the facilitator's journeys in a real browser, walked four times (French and
English, 1280 and 375 px); every page visited is checked at the walk's width: axe-core 0
violations, no sideways scrolling, log-out and FR/EN on screen, a screenshot kept."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from procure.accounts.models import Role
from procure.core.formatting import money
from procure.digests import jobs
from procure.extensions import db
from procure.matching.service import forget_index
from procure.suppliers.models import SupplierStatus
from procure.tenders.models import Tender, TenderStatus
from tests.browser.a11y import Tour, tr
from tests.browser.journey import (
    EVERY_VARIANT,
    first_variant_only_on_postgres,
    ids,
    log_in,
    mails_to,
    nav,
    plain_text,
)
from tests.factories import make_siret, make_supplier, make_tender, make_user

pytestmark = pytest.mark.browser

ORG = "Montpellier Méditerranée Métropole"
GREEN = "Entretien d'espaces verts, tonte et taille de haies pour les collectivités."
BUYER = "claire@montpellier3m.example.fr"
FACILITATOR = "sophie@plie.example.fr"
WHY = "Précisez le nombre de stades et leur surface."


def told_once(app: Flask, address: str, lang: str, subject: str, **values: str) -> str:
    """Delivering the outbox (the scheduler's job) sends `address` exactly one e-mail whose
    subject is `subject` in `lang`; delivering again sends nothing. Returns its text."""
    assert "failed=0" in jobs.deliver_mail(db.session)
    assert "sent=0" in jobs.deliver_mail(db.session)
    expected = tr(app, lang, subject, **values)
    received = [m["Subject"] for m in mails_to(Path(app.config["OUTBOX_DIR"]), address)]
    assert received.count(expected) == 1, received
    (message,) = [
        m for m in mails_to(Path(app.config["OUTBOX_DIR"]), address) if m["Subject"] == expected
    ]
    return plain_text(message)


def assert_buyer_told_of_validation(app: Flask, lang: str, title: str) -> str:
    """The buyer is e-mailed once, in the buyer's language, that the tender is published;
    the e-mail links to its shortlist. Returns that link."""
    text = told_once(
        app, BUYER, lang, "procure : votre marché « %(title)s » est publié", title=title
    )
    assert tr(app, lang, "Voir les fournisseurs proposés") in text, text
    link = re.search(r"https?://\S+/shortlist", text)
    assert link, text
    return link.group(0)


@pytest.mark.parametrize(("lang", "width"), EVERY_VARIANT, ids=ids(EVERY_VARIANT))
def test_buyer_journey(
    app, app_ctx, open_tab, live_server, artefacts: Path, monkeypatch, lang, width
):
    first_variant_only_on_postgres(app, lang, width, EVERY_VARIANT[0])
    forget_index()
    monkeypatch.setitem(app.config, "BASE_URL", live_server)  # e-mail links to this server
    make_user(Role.BUYER, BUYER, organisation=ORG, language=lang)
    make_user(Role.ADMIN, FACILITATOR, language=lang)
    for i in range(4):
        make_supplier(f"ACI Jardins {i}", GREEN, ["34"], kinds=["ACI"])
    make_supplier("ESAT =HYPERLINK(1)", GREEN, ["34"], kinds=["ESAT"])
    db.session.commit()

    buyer = Tour(open_tab(lang, width), live_server, app, lang, width, artefacts, "buyer", False)
    buyer.go("/")
    buyer.check("home")
    log_in(buyer, BUYER, check=True)
    nav(buyer, "Mes marchés")
    buyer.check("tenders")
    buyer.page.get_by_role("link", name=buyer.t("Publier un marché")).first.click()
    buyer.check("tender-new")

    page = buyer.page
    title = "Entretien des espaces verts des parcs"
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=description]").fill(
        "Tonte, taille des haies et débroussaillage des parcs et squares de la Métropole."
    )
    page.locator("select[name=departments]").select_option("34")
    # The calculator starts from the amount typed in "Montant estimé", as people type it.
    page.locator("input[name=estimated_value]").fill("180 000")
    expect(page.locator("input[name=calc_amount]")).to_have_value("180 000")
    expect(page.locator("#calc-hours")).to_have_text("144")  # 180000 × 0.4 ÷ 35 × 0.07
    page.locator("input[name=deadline]").fill("2031-03-31")
    page.locator("select[name=clauses-0-type]").select_option("insertion")
    page.locator("#use-hours").click()
    expect(page.locator("input[name=clauses-0-hours]")).to_have_value("144")
    page.locator("select[name=clauses-1-type]").select_option("social_criterion")
    page.locator("input[name=clauses-1-weight]").fill("15")
    page.locator("button[name=save]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    buyer.check("tender-draft")
    page.get_by_role("button", name=buyer.t("Soumettre à la validation")).click()
    expect(page.locator("h1 .badge")).to_have_text(buyer.t("soumis"))

    facilitator = Tour(
        open_tab(lang, width), live_server, app, lang, width, artefacts, "facil", False
    )
    log_in(facilitator, FACILITATOR)
    nav(facilitator, "Marchés à valider")
    card = facilitator.page.locator("article.moderation", has_text=title)
    with app.test_request_context():
        from flask_babel import force_locale

        with force_locale(lang):
            amount = money(180000)
    expect(card).to_contain_text(amount)
    expect(card).to_contain_text(tr(app, lang, "%(n)s heures", n=144))
    expect(card).to_contain_text(tr(app, lang, "Critère d'attribution social"))
    expect(card).to_contain_text("2031")
    facilitator.check("moderation")
    card.get_by_role("button", name=facilitator.t("Valider et ouvrir")).click()
    expect(facilitator.page.locator(".flash")).to_contain_text(title)
    shortlist = assert_buyer_told_of_validation(app, lang, title)

    page.reload()
    expect(page.locator("h1 .badge")).to_have_text(buyer.t("ouvert"))
    buyer.check("tender-open")
    page.goto(shortlist)  # the e-mail's link
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    expect(page.locator("table.shortlist tbody tr").first).to_be_visible()
    buyer.check("shortlist")
    with page.expect_download() as download:
        page.get_by_role("link", name=buyer.t("Exporter en CSV")).click()
    data = Path(download.value.path()).read_bytes().decode("utf-8")
    assert data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data[1:]), delimiter=";"))
    assert rows[0][:4] == [buyer.t("Rang"), buyer.t("Score"), buyer.t("SIRET"), buyer.t("Nom")]
    assert "'ESAT =HYPERLINK(1)" not in {r[3] for r in rows[1:]}  # ESAT: no SIAE... listed
    assert len(rows) >= 5 and {"ACI Jardins 0", "ACI Jardins 3"} <= {r[3] for r in rows[1:]}
    forget_index()


def _bad_rows_csv(tmp: Path) -> Path:
    good = [make_siret(), make_siret()]
    lines = [
        "siret;name;legal_form;inclusion_kinds;esus;description;cpv_codes;departments",
        f"{good[0]};Recyclerie du Lez;association;ACI;yes;Collecte et réemploi d'objets.;;34",
        f"{good[1]};Atelier Vélo Solidaire;association;AI;no;Réparation de vélos.;;34;30",
        "12345678901234;SIRET faux;association;;no;Nettoyage.;;34",
        f"{make_siret()};Département inconnu;association;;no;Nettoyage.;;99",
    ]
    lines[2] = lines[2].replace(";34;30", ";34")
    path = tmp / "structures.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "width"), EVERY_VARIANT, ids=ids(EVERY_VARIANT))
def test_facilitator_journey(
    app, app_ctx, runner, open_tab, live_server, artefacts: Path, tmp_path, lang, width
):
    first_variant_only_on_postgres(app, lang, width, EVERY_VARIANT[0])
    forget_index()
    other = "en" if lang == "fr" else "fr"  # the buyer reads another language than the facilitator
    buyer = make_user(Role.BUYER, BUYER, organisation=ORG, language=other)
    make_user(Role.ADMIN, FACILITATOR, language=lang)
    make_supplier("Les Jardins de Cocagne", GREEN, ["34"], kinds=["ACI"])
    make_supplier(
        "Jardins de la Mosson", GREEN, ["34"], kinds=["ACI"], status=SupplierStatus.PENDING
    )
    make_tender("Entretien des parcs", GREEN, ["34"], reference="T-OPEN", organisation=ORG)
    make_tender(
        "Tonte des stades", GREEN, ["34"], reference="T-WAIT", organisation=ORG, status="submitted"
    )
    db.session.commit()
    sent = runner.invoke(args=["digest", "send"])
    assert sent.exit_code == 0 and "sent=" in sent.output, sent.output

    tour = Tour(open_tab(lang, width), live_server, app, lang, width, artefacts, "facil", False)
    page = tour.page
    log_in(tour, FACILITATOR, check=True)
    tour.go("/admin/")
    tour.check("dashboard")
    page.set_viewport_size({"width": 1280, "height": 800})  # the menu holds on one line
    tops = {round(link.bounding_box()["y"]) for link in page.locator("header nav a").all()}
    assert len(tops) == 1, tops
    page.set_viewport_size({"width": width, "height": 800})

    nav(tour, "Structures")
    tour.check("suppliers")
    page.get_by_role("link", name=tour.t("Importer un fichier CSV")).click()
    tour.check("import")
    page.locator("input[type=file]").set_input_files(str(_bad_rows_csv(tmp_path)))
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".import-summary")).to_have_text(
        tour.t("%(i)d créées, %(u)d mises à jour, %(n)d inchangées, %(r)d refusées.",
               i=2, u=0, n=0, r=2)
    )  # fmt: skip
    expect(page.locator("table.rejections")).to_contain_text("99")
    tour.check("import-report")

    nav(tour, "Structures")
    page.locator("select[name=status]").select_option("pending")
    page.locator("form.filters button[type=submit]").click()
    page.get_by_role("link", name="Jardins de la Mosson").click()
    tour.check("supplier")
    page.locator("form[action$='/verify'] button").click()
    expect(page.locator("[data-status]")).to_have_text(tour.t("vérifiée"))
    expect(page.locator("table.audit")).to_contain_text(tour.t("changement de statut"))
    tour.check("supplier-verified")

    nav(tour, "Marchés à valider")
    card = page.locator("article.moderation", has_text="Tonte des stades")
    card.locator("textarea").fill(WHY)
    card.locator("form.reject button").click()
    expect(page.locator(".flash")).to_contain_text("Tonte des stades")
    tour.check("moderated")
    assert db.session.scalar(select(Tender.status).where(Tender.reference == "T-WAIT")) == (
        TenderStatus.REJECTED
    )
    # The buyer is told once, in the buyer's language, with the facilitator's reason.
    told = told_once(
        app, BUYER, other, "procure : votre marché « %(title)s » est à reprendre",
        title="Tonte des stades",
    )  # fmt: skip
    assert WHY in told, told

    nav(tour, "Tous les marchés")
    page.locator("select[name=status]").select_option("open")
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("T-OPEN")
    expect(page.locator("main table")).not_to_contain_text("T-WAIT")
    tour.check("all-tenders")

    nav(tour, "Envois")
    expect(page.locator("main table")).to_contain_text(BUYER)
    expect(page.locator("main table")).to_contain_text(tour.t("envoyé"))
    expect(page.locator("main table")).to_contain_text(tour.t("marché refusé"))
    tour.check("outbox")
    page.locator("main table tr", has_text=tour.t("marché refusé")).locator("a").first.click()
    expect(page.locator("pre.mail")).to_contain_text(WHY)
    expect(page.locator("main")).to_contain_text(tour.t("marché refusé"))
    tour.check("message")

    nav(tour, "Envois")
    page.get_by_role("link", name=tour.t("Aperçu du prochain récapitulatif d'un acheteur")).click()
    tour.check("preview-index")
    page.locator("main li a", has_text=buyer.name or BUYER).click()
    text = page.locator(f"pre.mail[lang={other}]")
    expect(text).to_contain_text(tr(app, other, "Vos marchés ouverts"))
    expect(text).to_contain_text("Entretien des parcs")
    expect(page.locator("iframe.mail-preview")).to_be_visible()
    frame = page.frame_locator("iframe.mail-preview")
    expect(frame.locator("body")).to_contain_text("Entretien des parcs")
    tour.check("preview")
    forget_index()
