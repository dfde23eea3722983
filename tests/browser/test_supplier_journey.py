"""The supplier's journey in a real browser: sign up, register the structure, be verified by a
facilitator and e-mailed, open a tender from "Marchés pour vous", say interested with a
reason, and the buyer reads it on the shortlist.

Screenshots of every step are saved under $PROCURE_SCREENSHOTS (a CI artefact folder) or the
test's tmp_path.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from procure.digests import jobs
from procure.extensions import db
from procure.tenders.models import TenderStatus
from tests.factories import PASSWORD, make_admin, make_buyer, make_siret, make_tender

pytestmark = pytest.mark.browser

STRUCTURE = "Jardins de la Mosson"
SUPPLIER_EMAIL = "nadia@jardins-mosson.example.org"
SUPPLIER_PASSWORD = "un-mot-de-passe-long"
REASON = "Nous entretenons déjà le parc voisin avec une équipe de huit salariés en insertion."


class Shots:
    """Numbered full-page screenshots of the journey."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.n = 0

    def __call__(self, page: Page, name: str) -> None:
        self.n += 1
        page.screenshot(path=str(self.folder / f"{self.n:02d}-{name}.png"), full_page=True)


@pytest.fixture
def shots(tmp_path: Path, request: pytest.FixtureRequest) -> Shots:
    root = os.environ.get("PROCURE_SCREENSHOTS")
    base = Path(root) if root else tmp_path / "screenshots"
    return Shots(base / re.sub(r"[^\w.-]+", "_", request.node.name))


def sign_up_supplier(
    page: Page, base: str, outbox: Path, name: str, email: str, password: str
) -> None:
    """Create a supplier's account, confirm the address from the e-mail and arrive on
    "Inscrire ma structure"."""
    page.goto(base + "/account/signup")
    page.get_by_label("une structure de l'ESS (fournisseur)").check()
    page.get_by_label("Votre nom").fill(name)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_label("Confirmez le mot de passe").fill(password)
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.url.endswith("/account/signup/done")
    for path in sorted(outbox.glob("*.eml"), reverse=True):
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        found = re.search(
            r"https?://\S+/account/verify/\S+", msg.get_body(("plain",)).get_content()
        )
        if msg["To"] == email and found:
            page.goto(found.group(0))
            break
    else:
        raise AssertionError(f"no confirmation link mailed to {email}")
    expect(page.get_by_role("heading", name="Inscrire ma structure")).to_be_visible()


def log_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(base + "/account/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()


def _mail_to(outbox: Path, address: str, subject: str):
    for path in sorted(outbox.glob("*.eml")):
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        if msg["To"] == address and msg["Subject"] == subject:
            return msg
    raise AssertionError(f"no e-mail {subject!r} to {address} in {outbox}")


def test_supplier_signs_up_is_verified_and_answers_a_tender_the_buyer_sees(
    page: Page, live_server: str, app: Flask, app_ctx, monkeypatch, shots: Shots
) -> None:
    monkeypatch.setitem(app.config, "BASE_URL", live_server)  # e-mail links to this server
    make_admin("facilitateur@example.org")
    buyer = make_buyer("marie@montpellier.example.fr", organisation="Montpellier Métropole")
    tender = make_tender(
        "Entretien des espaces verts du parc de la Mosson",
        "Tonte des pelouses, taille des haies et débroussaillage du parc de la Mosson, "
        "avec des heures d'insertion.",
        ["34"],
        reference="MTP-2027-PARCS",
        organisation="Montpellier Métropole",
        clauses=[{"type": "insertion", "hours": 400}],
        cpv_codes=["77310000"],
    )
    tender.created_by_id = buyer.id
    tender.deadline = date.today() + timedelta(days=45)
    tender.contact_name, tender.contact_email = "Service des achats", "achats@mtp.example.fr"
    make_tender(
        "Brouillon invisible",
        "Pas encore publié",
        ["34"],
        reference="MTP-DRAFT",
        organisation="Montpellier Métropole",
        status=TenderStatus.DRAFT,
    )
    db.session.commit()

    # 1. Sign up and register the structure.
    outbox = Path(app.config["OUTBOX_DIR"])
    sign_up_supplier(page, live_server, outbox, "Nadia Haddad", SUPPLIER_EMAIL, SUPPLIER_PASSWORD)
    page.get_by_label("SIRET").fill(make_siret())
    page.get_by_label("Nom de la structure").fill(STRUCTURE)
    page.get_by_label("Forme juridique").select_option("association")
    page.get_by_label("ACI — atelier et chantier d'insertion").check()
    page.get_by_label("Ce que vous savez faire").fill(
        "Entretien des espaces verts, tonte, taille de haies et débroussaillage par des "
        "salariés en parcours d'insertion."
    )
    page.get_by_label("Départements (codes)").fill("34, 30")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("[data-status]")).to_have_text("en attente de vérification")
    shots(page, "structure-registered")
    # Not verified yet: a tender's page is refused, "Marchés pour vous" says why.
    assert page.goto(f"{live_server}/tenders/MTP-2027-PARCS").status == 403
    page.goto(live_server + "/suppliers/for-you")
    expect(page.get_by_text("pas encore vérifiée par un facilitateur")).to_be_visible()
    log_out(page)

    # 2. A facilitator verifies it.
    log_in(page, live_server, "facilitateur@example.org", PASSWORD)
    page.get_by_role("link", name="Structures", exact=True).click()
    page.get_by_label("Statut").select_option("pending")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name=STRUCTURE).click()
    page.get_by_role("button", name="Vérifier la structure").click()
    expect(page.get_by_text(f"{STRUCTURE} est vérifiée.")).to_be_visible()
    shots(page, "facilitator-verified")

    # 3. The outbox is delivered (the scheduler's job) and the e-mail is in the file outbox.
    assert "sent=1" in jobs.deliver_mail(db.session)
    subject = f"procure : {STRUCTURE} est vérifiée"
    page.goto(live_server + "/admin/outbox/files")
    expect(page.get_by_role("link", name=subject)).to_be_visible()
    page.get_by_role("link", name=subject).click()
    expect(page.get_by_text(SUPPLIER_EMAIL).first).to_be_visible()
    shots(page, "verification-mail")
    log_out(page)
    mail = _mail_to(Path(app.config["OUTBOX_DIR"]), SUPPLIER_EMAIL, subject)
    text = mail.get_body(("plain",)).get_content()
    for_you_link = re.search(r"https?://\S+/suppliers/for-you", text).group(0)

    # 4. The supplier follows the e-mail's link, finds the tender and answers it.
    log_in(page, live_server, SUPPLIER_EMAIL, SUPPLIER_PASSWORD)
    page.goto(for_you_link)
    expect(page.get_by_role("heading", name="Marchés pour vous")).to_be_visible()
    expect(page.get_by_text("Brouillon invisible")).to_have_count(0)
    shots(page, "for-you")
    page.get_by_role("link", name="Entretien des espaces verts du parc de la Mosson").click()
    expect(page.get_by_role("heading", name="Pourquoi procure vous le propose")).to_be_visible()
    expect(page.locator("[data-contact]")).to_contain_text("achats@mtp.example.fr")
    expect(page.get_by_text("Clause d'insertion")).to_be_visible()
    expect(page.get_by_text("marie@montpellier.example.fr")).to_have_count(0)
    page.get_by_label("Pourquoi ? (facultatif, l'acheteur le lira)").fill(REASON)
    page.get_by_role("button", name="Intéressé", exact=True).click()
    expect(
        page.get_by_text("C'est noté : l'acheteur voit que vous êtes intéressés.")
    ).to_be_visible()
    expect(page.get_by_text("Vous avez répondu : intéressé")).to_be_visible()
    shots(page, "answered")
    log_out(page)

    # 5. The buyer reads the answer and its reason on the shortlist.
    log_in(page, live_server, "marie@montpellier.example.fr", PASSWORD)
    page.goto(f"{live_server}/tenders/MTP-2027-PARCS/shortlist")
    row = page.locator("table.shortlist tr", has_text=STRUCTURE)
    expect(row).to_contain_text("intéressé")
    expect(row).to_contain_text(REASON)
    shots(page, "buyer-shortlist")
    assert len(list(shots.folder.glob("*.png"))) == 6


def test_in_english_on_a_phone_a_supplier_reads_and_declines_a_tender(
    page: Page, live_server: str, app_ctx, shots: Shots
) -> None:
    from babel.dates import format_date

    from procure.accounts.models import Role
    from tests.factories import make_supplier, make_user

    deadline = date.today() + timedelta(days=20)
    tender = make_tender(
        "Nettoyage des bureaux de Nîmes",
        "Nettoyage quotidien des locaux et bureaux administratifs de la ville.",
        ["30"],
        reference="NIM-2027-NET",
        organisation="Ville de Nîmes",
        clauses=[{"type": "reserved_inclusion"}],
    )
    tender.deadline = deadline
    db.session.commit()
    supplier = make_supplier(
        "Net Insertion Gard",
        "Nettoyage de locaux et de bureaux, entreprise d'insertion.",
        ["30"],
        kinds=["EI"],
    )
    make_user(Role.SUPPLIER, "tom@net-gard.example.org", supplier_id=supplier.id, language="en")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server + "/account/login")
    page.get_by_label("Adresse e-mail").fill("tom@net-gard.example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(live_server + "/suppliers/for-you")
    expect(page.get_by_role("heading", name="Tenders for you")).to_be_visible()
    expect(page.locator("table.for-you")).to_contain_text(format_date(deadline, "long", "en"))
    shots(page, "for-you-en-375")
    page.get_by_role("link", name="Nettoyage des bureaux de Nîmes").click()
    expect(page.get_by_role("heading", name="Why procure suggests it to you")).to_be_visible()
    expect(page.get_by_text("Only work-integration organisations")).to_be_visible()
    expect(page.get_by_text("Your organisation has the required status")).to_be_visible()
    page.get_by_label("Why? (optional, the buyer will read it)").fill("No team free in June")
    page.get_by_role("button", name="Not interested").click()
    expect(page.get_by_text("Noted: the buyer sees that you are not interested.")).to_be_visible()
    expect(page.get_by_text("You answered: not interested")).to_be_visible()
    # The page's content fits the phone's width (tables scroll inside their own box).
    overflow = page.evaluate("() => document.querySelector('main').scrollWidth - window.innerWidth")
    assert overflow <= 0, f"main is {overflow}px wider than the screen"
    shots(page, "declined-en-375")
