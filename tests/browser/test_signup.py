"""Sign-up opens on the role chosen on the home page; suppliers do not see the buyer field."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_inscrire_ma_structure_opens_sign_up_as_a_supplier(
    page: Page, live_server: str, app_ctx
) -> None:
    page.goto(live_server + "/")
    page.get_by_role("link", name="Inscrire ma structure").click()
    supplier = page.get_by_label("une structure de l'ESS (fournisseur)")
    expect(supplier).to_be_checked()
    organisation = page.get_by_label("Organisation acheteuse (pour les acheteurs)")
    expect(organisation).to_be_hidden()
    page.get_by_label("un acheteur public").check()
    expect(organisation).to_be_visible()
    supplier.check()
    expect(organisation).to_be_hidden()
