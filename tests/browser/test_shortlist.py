"""A buyer reads the ranked, explained shortlist of a demo tender in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from procure.demo.loader import DEMO_PASSWORD, load_demo
from procure.extensions import db
from procure.matching.service import forget_index
from tests.factories import make_tender

pytestmark = pytest.mark.browser


def test_buyer_reads_the_shortlist_of_a_demo_tender(page: Page, live_server: str, app_ctx):
    forget_index()
    load_demo(db.session)
    db.session.commit()

    page.goto(live_server + "/account/login")
    page.get_by_label("Adresse e-mail").fill("achats@montpellier3m.example.fr")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.goto(live_server + "/tenders/3M-2027-EV-01")
    expect(page.get_by_role("heading", name="Métiers détectés dans votre besoin")).to_be_visible()
    expect(page.locator(".detected-trades", has_text="lu dans : « ").first).to_be_visible()
    page.get_by_role("link", name="Voir les fournisseurs proposés").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Entretien des espaces verts")
    rows = page.locator("table.shortlist tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 3
    kinds = [row.get_attribute("class") for row in rows.all()]
    assert kinds == sorted(kinds, key=lambda k: k != "relevant"), kinds  # relevant first
    for group in ("relevant", "explore"):
        cells = page.locator(f"table.shortlist tr.{group} td.score").all_inner_texts()
        scores = [int(s) for s in cells]
        assert scores == sorted(scores, reverse=True), scores
    first = rows.first.locator("ul.reasons").inner_text()
    assert "Hérault" in first  # the area reason
    assert "Fait ce métier : entretien des espaces verts — « " in first  # quoted evidence
    # The insertion clause of this tender: an insertion structure says it can carry the hours.
    expect(page.locator("ul.reasons li", has_text="insertion").first).to_be_visible()

    # A need nobody in the registry serves: said plainly, the closest are "à explorer".
    make_tender(
        "Inspection télévisée et hydrocurage des réseaux d'eaux usées",
        "Inspection par caméra (ITV) de 20 km de collecteurs, précédée d'un hydrocurage.",
        ["34"],
        reference="3M-2027-ITV",
        organisation="Montpellier Méditerranée Métropole",
    )
    db.session.commit()
    page.goto(live_server + "/tenders/3M-2027-ITV/shortlist")
    expect(page.locator(".nothing-relevant")).to_contain_text(
        "Aucune structure du registre ne fait ce métier dans cette zone"
    )
    expect(page.locator("table.shortlist tr.relevant")).to_have_count(0)

    page.goto(live_server + "/tenders/3M-2027-EV-01/shortlist")
    page.get_by_label("Statut").select_option("ESAT")
    page.get_by_role("button", name="Filtrer").click()
    for badges in page.locator("table.shortlist tbody tr").all():
        expect(badges.locator(".badge", has_text="ESAT")).to_be_visible()
    forget_index()
