"""The pages around the journeys (home, sign-up, accessibility statement, a supplier's
register, record, "Marchés pour vous" and notifications), in FR and EN, each at 1280 and 375 px:
axe-core 0 violations, nothing scrolls sideways; a form's errors are tied to their fields;
the skip link leads to the content."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from procure.accounts.models import Role
from procure.extensions import db
from procure.matching.service import forget_index
from tests.browser.a11y import VARIANTS, Tour
from tests.factories import PASSWORD, make_supplier, make_tender, make_user

pytestmark = pytest.mark.browser
GREEN = "Entretien d'espaces verts, tonte et taille de haies pour les collectivités."


@pytest.mark.parametrize(("lang", "width"), VARIANTS, ids=[f"{lang}-{w}" for lang, w in VARIANTS])
def test_pages_around_the_journeys(
    app, app_ctx, open_tab, live_server, artefacts: Path, lang, width
):
    if app.config["DATABASE_URL"].startswith("postgresql") and (lang, width) != VARIANTS[0]:
        pytest.skip("PostgreSQL runs the first variant only (browser time)")
    forget_index()
    make_tender(
        "Entretien des parcs", GREEN, ["34"], reference="T-PARCS", organisation="Ville de Test"
    )
    make_user(Role.SUPPLIER, "nadia@mosson.example.org", language=lang)
    db.session.commit()

    tour = Tour(open_tab(lang, width), live_server, app, lang, width, artefacts, "visitor")
    page = tour.page
    tour.go("/")
    # The skip link is the first stop of the keyboard and leads to the content.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    tour.check("home")
    skip.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.locator("footer").get_by_role(
        "link", name=tour.t("Accessibilité : partiellement conforme")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tour.t("Déclaration d'accessibilité"))
    tour.check("accessibility")
    tour.go("/account/signup")
    tour.check("signup")

    tour.go("/account/login")
    page.locator("main form input[name=email]").fill("nadia@mosson.example.org")
    page.locator("main form input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    tour.go("/suppliers/register")
    tour.check("register")
    # The server's own checks (the browser's `required` would stop an empty form first).
    page.locator("input[name=siret]").fill("12345678901234")
    page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.locator("main form button[type=submit]").last.click()
    # Each error is tied to its field: aria-invalid, and aria-describedby naming the message.
    name = page.locator("input[name=name]")
    expect(name).to_have_attribute("aria-invalid", "true")
    described = name.get_attribute("aria-describedby").split()
    assert any(page.locator(f"#{i}.error").count() for i in described), described
    tour.check("register-errors")

    forget_index()
    supplier = make_supplier("Jardins de la Mosson", GREEN, ["34"], kinds=["ACI"])
    make_user(Role.SUPPLIER, "contact@mosson.example.org", language=lang, supplier_id=supplier.id)
    db.session.commit()
    page.locator("header.site form button").click()
    tour.go("/account/login")
    page.locator("main form input[name=email]").fill("contact@mosson.example.org")
    page.locator("main form input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    tour.go("/suppliers/mine")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jardins de la Mosson")
    tour.check("supplier")
    tour.go("/suppliers/for-you")
    tour.check("for-you")
    tour.go("/account/notifications")
    tour.check("notifications")
    forget_index()
