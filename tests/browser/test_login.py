"""The log-in journey in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, make_buyer

pytestmark = pytest.mark.browser


def test_buyer_logs_in_and_out_in_a_browser(page: Page, live_server: str, app_ctx) -> None:
    make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    page.goto(live_server + "/")
    page.get_by_role("link", name="Se connecter").first.click()
    page.get_by_label("Adresse e-mail").fill("claire@example.org")
    page.get_by_label("Mot de passe").fill("not-the-password")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect.")).to_be_visible()

    page.get_by_label("Adresse e-mail").fill("claire@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("header .who")).to_have_text("claire@example.org")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_text("Vous êtes déconnecté.")).to_be_visible()
    expect(page.locator("header .who")).to_have_count(0)


def test_login_page_redirects_back_to_the_protected_page(
    page: Page, live_server: str, app_ctx
) -> None:
    from tests.factories import make_admin

    make_admin("facil@example.org")
    page.goto(live_server + "/admin/")
    expect(page).to_have_url(live_server + "/account/login?next=%2Fadmin%2F")
    page.get_by_label("Adresse e-mail").fill("facil@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Espace facilitateur")).to_be_visible()
