"""A supplier registers in a browser, a facilitator verifies it, and it can be found."""

import pytest
from playwright.sync_api import Page, expect

from tests.accounts.helpers import link
from tests.factories import PASSWORD, make_admin, make_siret

pytestmark = pytest.mark.browser


def test_supplier_registers_facilitator_verifies_and_finds_it(
    page: Page, live_server: str, app_ctx
) -> None:
    make_admin("facilitateur@example.org")
    siret = make_siret()

    page.goto(live_server + "/account/signup")
    page.get_by_label("une structure de l'ESS (fournisseur)").check()
    page.get_by_label("Votre nom").fill("Nadia Haddad")
    page.get_by_label("Adresse e-mail").fill("nadia@jardins-mosson.example.org")
    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe-long")
    page.get_by_label("Confirmez le mot de passe").fill("un-mot-de-passe-long")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", name="Vérifiez votre boîte aux lettres")).to_be_visible()
    page.goto(live_server + link(app_ctx, "nadia@jardins-mosson.example.org", "/account/verify/"))
    expect(page.get_by_role("heading", name="Inscrire ma structure")).to_be_visible()

    page.get_by_label("SIRET").fill(siret[:-1] + str((int(siret[-1]) + 1) % 10))
    page.get_by_label("Nom de la structure").fill("Jardins de la Mosson")
    page.get_by_label("Forme juridique").select_option("association")
    page.get_by_label("ACI — atelier et chantier d'insertion").check()
    page.get_by_label("Ce que vous savez faire").fill(
        "Entretien des espaces verts, taille de haies et débroussaillage par des salariés "
        "en parcours d'insertion."
    )
    page.get_by_label("Départements (codes)").fill("34, 30")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("clé de contrôle fausse")).to_be_visible()

    page.get_by_label("SIRET").fill(siret)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("un facilitateur va la vérifier")).to_be_visible()
    expect(page.locator("[data-status]")).to_have_text("en attente de vérification")

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(live_server + "/account/login")
    page.get_by_label("Adresse e-mail").fill("facilitateur@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Structures", exact=True).click()
    page.get_by_label("Statut").select_option("pending")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Jardins de la Mosson").click()
    page.get_by_role("button", name="Vérifier la structure").click()
    expect(page.get_by_text("Jardins de la Mosson est vérifiée.")).to_be_visible()
    expect(page.locator("table.audit")).to_contain_text("facilitateur@example.org")

    page.get_by_role("link", name="Structures", exact=True).first.click()
    page.get_by_label("Recherche").fill("débroussaillage")
    page.get_by_label("Statut").select_option("verified")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("table.suppliers")).to_contain_text("Jardins de la Mosson")
    expect(page.locator("table.suppliers")).to_contain_text(siret)
