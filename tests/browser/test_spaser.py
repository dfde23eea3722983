"""A facilitator reads the Spaser dashboard in a real browser: the report's numbers, charts
drawn as SVG images with their tables, the printable report."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, make_admin
from tests.spaser.conftest import BUYER_A, build_world

pytestmark = pytest.mark.browser


def test_facilitator_reads_the_spaser_dashboard(page: Page, live_server: str, app_ctx, tmp_path):
    build_world(tmp_path)
    admin = make_admin()
    page.goto(live_server + "/account/login")
    page.get_by_label("Adresse e-mail").fill(admin.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.get_by_role("link", name="Spaser").first.click()
    page.get_by_label("Année").fill("2025")
    page.get_by_label("SIRET de l'acheteur").fill(BUYER_A)
    page.get_by_role("button", name="Afficher").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord Spaser 2025")
    social = page.locator("#indicators tr", has_text="Considération sociale").first
    expect(social).to_contain_text("60,0 %")
    expect(social).to_contain_text("160 000 €")
    charts = page.get_by_role("img")
    expect(charts).to_have_count(5)
    bar = page.locator("svg[aria-label^='Part des marchés avec une considération, cibles'] rect")
    assert float(bar.nth(1).get_attribute("width")) > 0  # the social share is drawn
    page.screenshot(path=str(tmp_path / "spaser-dashboard.png"), full_page=True)

    page.get_by_role("link", name="Rapport annuel imprimable").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport annuel Spaser 2025")
    page.emulate_media(media="print")
    expect(page.locator("header.site")).to_be_hidden()
