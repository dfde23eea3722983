"""A buyer reads the ranked, explained shortlist of a demo tender in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from procure.demo.loader import DEMO_PASSWORD, load_demo
from procure.extensions import db
from procure.matching.service import forget_index
from procure.tenders.models import Clause, ClauseType, Lot
from tests.browser.a11y import axe_violations
from tests.factories import PASSWORD, make_buyer, make_supplier, make_tender

pytestmark = pytest.mark.browser


def log_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(base + "/account/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_buyer_reads_the_shortlist_of_a_demo_tender(page: Page, live_server: str, app_ctx):
    forget_index()
    load_demo(db.session)
    db.session.commit()

    log_in(page, live_server, "achats@montpellier3m.example.fr", DEMO_PASSWORD)

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
    assert axe_violations(page) == []

    page.goto(live_server + "/tenders/3M-2027-EV-01/shortlist")
    page.get_by_label("Statut").select_option("ESAT")
    page.get_by_role("button", name="Filtrer").click()
    for badges in page.locator("table.shortlist tbody tr").all():
        expect(badges.locator(".badge", has_text="ESAT")).to_be_visible()
    forget_index()


def test_each_lot_has_its_own_shortlist_and_a_reserved_lot_keeps_its_reservation(
    page: Page, live_server: str, app_ctx
):
    """Two lots, the second reserved to EA/ESAT: the open lot lists the insertion workshop
    that mows, the reserved lot lists only the ESAT that cleans, each with quoted evidence;
    the reservation of lot 2 does not hide the workshop from the tender's shortlist."""
    forget_index()
    buyer = make_buyer("achats@nimes.example.fr", organisation="Ville de Nîmes")
    make_supplier(
        "Chantier Vert du Gard",
        "Tonte des pelouses, taille de haies et débroussaillage par des salariés en insertion.",
        ["30"],
        kinds=["ACI"],
    )
    make_supplier(
        "ESAT Les Capitelles",
        "Nettoyage de locaux, entretien des bureaux et vitrerie par des travailleurs en ESAT.",
        ["30"],
        kinds=["ESAT"],
    )
    tender = make_tender(
        "Entretien des espaces verts et nettoyage des locaux des écoles",
        "Lot 1 : tonte et taille des haies des cours d'école. "
        "Lot 2 : nettoyage des locaux et des bureaux des écoles.",
        ["30"],
        buyer=buyer,
        reference="NIM-2027-LOTS",
    )
    mowing = Lot(number=1, title="Tonte et taille des haies", description="Tonte des pelouses.")
    cleaning = Lot(number=2, title="Nettoyage des locaux", description="Nettoyage des bureaux.")
    tender.lots = [mowing, cleaning]
    tender.clauses.append(Clause(type=ClauseType.RESERVED_DISABILITY, lot=cleaning))
    db.session.commit()

    log_in(page, live_server, "achats@nimes.example.fr")
    page.goto(live_server + "/tenders/NIM-2027-LOTS/shortlist")
    lots = page.locator("section.lot-shortlist")
    expect(lots).to_have_count(2)
    first, second = lots.nth(0), lots.nth(1)
    expect(first.locator("h2")).to_have_text("Lot 1 : Tonte et taille des haies")
    expect(second.locator("h2")).to_have_text("Lot 2 : Nettoyage des locaux")
    expect(first.locator("li.relevant").first).to_contain_text("Chantier Vert du Gard")
    expect(first.locator("li.relevant").first).to_contain_text("« ")
    expect(second.locator("ol.lot-matches > li")).to_have_count(1)  # the reservation holds
    expect(second.locator("li.relevant")).to_contain_text("ESAT Les Capitelles")
    expect(second.locator("li.relevant ul.reasons")).to_contain_text("« ")
    expect(second).not_to_contain_text("Chantier Vert du Gard")
    # The whole tender's shortlist keeps the workshop: lot 2's reservation is lot 2's only.
    names = page.locator("table.shortlist tbody tr td:nth-child(2) strong").all_inner_texts()
    assert "Chantier Vert du Gard" in names, names
    evidence = page.locator("table.shortlist tr", has_text="Chantier Vert du Gard")
    expect(evidence.locator("ul.reasons")).to_contain_text("« ")
    expect(evidence.locator("ul.reasons")).to_contain_text("»")
    assert axe_violations(page) == []
    forget_index()
