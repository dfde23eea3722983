"""A buyer posts a tender with an insertion clause in a real browser; the clause advisor's
numbers follow the département; a facilitator validates it and it shows as open."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from procure.extensions import db
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier

pytestmark = pytest.mark.browser

GREEN = "Entretien d'espaces verts, tonte et taille de haies pour les collectivités"


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/account/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("header .who")).to_have_text(email)


def test_buyer_posts_facilitator_validates(page: Page, live_server: str, app_ctx) -> None:
    make_buyer("claire@montpellier3m.example.fr", "Montpellier Méditerranée Métropole")
    make_admin("sophie@plie.example.fr")
    for i in range(6):
        make_supplier(f"ACI Jardins {i}", GREEN, ["34"], kinds=["ACI"])
    make_supplier("ESAT du Gard", GREEN, ["30"], kinds=["ESAT"])
    db.session.commit()

    log_in(page, live_server, "claire@montpellier3m.example.fr")
    page.locator("header nav").get_by_role("link", name="Mes marchés").click()
    page.get_by_role("link", name="Publier un marché").first.click()
    page.get_by_label("Intitulé du marché").fill("Entretien des espaces verts des parcs")
    page.get_by_label("Votre besoin, avec vos mots").fill(
        "Tonte, taille des haies et débroussaillage des parcs et squares de la Métropole."
    )
    numbers = page.locator("#advisor-numbers")
    page.locator("select[name=departments]").select_option("34")
    expect(numbers).to_contain_text("6 structures d'insertion (SIAE) dans l'Hérault")
    expect(page.locator("#advisor-recommendations")).to_contain_text("Réservez le marché")
    page.locator("select[name=departments]").select_option("30")
    expect(numbers).to_contain_text("0 structures d'insertion (SIAE) dans le Gard")
    expect(numbers).to_contain_text("1 entreprises adaptées et ESAT dans le Gard")
    page.locator("select[name=departments]").select_option("34")
    expect(numbers).to_contain_text("6 structures d'insertion (SIAE) dans l'Hérault")

    page.get_by_label("Montant estimé (€ HT)").fill("200000")
    expect(page.locator("#calc-hours")).to_have_text("160")  # 200000 × 0.4 ÷ 35 × 0.07
    page.get_by_label("Date limite de réponse").fill("2027-03-31")
    page.locator("select[name=clauses-0-type]").select_option("insertion")
    hours = page.locator("input[name=clauses-0-hours]")
    expect(hours).to_be_visible()
    page.get_by_role("button", name="Reporter dans la clause d'insertion").click()
    expect(hours).to_have_value("160")
    page.get_by_role("button", name="Ajouter une clause", exact=True).click()
    page.locator("select[name=clauses-3-type]").select_option("environmental")
    page.locator("textarea[name=clauses-3-text]").fill("Zéro produit phytosanitaire")
    page.locator("input[name=lots-0-title]").fill("Parcs du centre")
    page.get_by_role("button", name="Ajouter un lot").click()
    page.locator("input[name=lots-1-title]").fill("Squares des quartiers")
    page.locator("select[name=lots-1-clauses-0-type]").select_option("reserved_inclusion")
    if os.environ.get("PROCURE_SCREENSHOTS"):
        page.screenshot(path=os.environ["PROCURE_SCREENSHOTS"] + "/tender-form.png", full_page=True)
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(
        page.get_by_role("heading", name="Entretien des espaces verts des parcs")
    ).to_be_visible()
    expect(page.locator(".clauses").first).to_contain_text("Clause d'insertion : 160 heures")
    expect(page.locator(".clauses").first).to_contain_text("Zéro produit phytosanitaire")
    expect(page.locator(".lot h3")).to_have_text(
        ["Lot 1 : Parcs du centre", "Lot 2 : Squares des quartiers"]
    )
    expect(page.locator(".lot").nth(1)).to_contain_text("Marché réservé aux SIAE")
    expect(page.locator("h1 .badge")).to_have_text("brouillon")
    page.get_by_role("button", name="Soumettre à la validation").click()
    expect(page.locator("h1 .badge")).to_have_text("soumis")
    page.get_by_role("button", name="Se déconnecter").click()

    log_in(page, live_server, "sophie@plie.example.fr")
    page.locator("header nav").get_by_role("link", name="Marchés à valider").click()
    expect(page.get_by_text("Montpellier Méditerranée Métropole")).to_be_visible()
    page.get_by_role("button", name="Valider et ouvrir").click()
    expect(page.get_by_text("est validé et ouvert")).to_be_visible()
    page.goto(live_server + "/tenders/")
    page.get_by_role("link", name="Entretien des espaces verts des parcs").click()
    expect(page.locator("h1 .badge")).to_have_text("ouvert")
    if os.environ.get("PROCURE_SCREENSHOTS"):
        page.screenshot(path=os.environ["PROCURE_SCREENSHOTS"] + "/tender-open.png", full_page=True)
