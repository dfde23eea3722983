"""The Spaser dashboard shows the report's figures, charts with tables, exports and the radar."""

from __future__ import annotations

import io
from datetime import date, timedelta
from types import SimpleNamespace

from openpyxl import load_workbook

from procure.accounts import services as accounts
from procure.extensions import db
from procure.feedback.recording import record_shortlists
from procure.spaser.models import Contract, ContractHolder, ContractSource
from procure.spaser.radar import add_months, renewals
from procure.tenders.models import Interest
from procure.timeutil import aware
from tests.conftest import login
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier
from tests.spaser.conftest import BUYER_A, BUYER_B


def test_facilitator_dashboard_shows_the_report_figures(world, client):
    admin = make_admin()
    # BTP Classique was on a shortlist of the tender shown before the award; Jardins de
    # Cocagne only said it was interested (that is not being shortlisted).
    before = aware(world.award.created_at) - timedelta(days=3)
    line = SimpleNamespace(supplier_id=world.s3.id, score=41.0, relevant=True)
    with db.engine.begin() as conn:
        record_shortlists(conn, "web", {world.tender.id: [line]}, now=before)
    db.session.add(Interest(supplier_id=world.s1.id, tender_id=world.tender.id,
                            answer="interested"))  # fmt: skip
    db.session.commit()
    login(client, admin.email, PASSWORD)
    page = client.get(f"/spaser/?year=2025&buyer={BUYER_A}").get_data(as_text=True)
    assert "Tableau de bord Spaser 2025" in page
    # French numbers: narrow no-break space between thousands, no-break space before % and €.
    # The indicators table holds the same numbers as `procure report spaser`.
    assert (
        '<th scope="row">Considération sociale</th><td>3</td><td>60,0\xa0%</td>'
        "<td>160\u202f000\xa0€</td>" in page
    )
    assert (
        '<th scope="row">Attribués à une SIAE</th><td>1</td><td>20,0\xa0%</td>'
        "<td>100\u202f000\xa0€</td>" in page
    )
    assert page.count('role="img"') == 5 and page.count("<caption>") >= 6
    assert 'aria-label="Part des marchés avec une considération sociale, par trimestre"' in page
    assert "<td>T1</td>" in page and "<td>T4</td>" in page
    assert "<td>Jardins de Cocagne</td>" in page and "<td>Blanchisserie Adaptée</td>" in page
    # Shortlisted by procure for the tender, then won it.
    shortlisted = page.split('id="shortlisted-won"')[1].split("</table>")[0]
    assert "BTP Classique" in shortlisted and "10\u202f000\xa0€" in shortlisted
    assert "Jardins de Cocagne" not in shortlisted


def test_buyer_sees_only_its_organisation(world, client):
    buyer = make_buyer(organisation="Ville de Montpellier")
    login(client, buyer.email, PASSWORD)
    page = client.get(f"/spaser/?year=2025&buyer={BUYER_B}").get_data(as_text=True)
    assert f"Acheteur (SIRET) : {BUYER_A}" in page
    assert '<th scope="row">Total</th><td>5</td>' in page
    stranger = make_buyer(organisation="Ailleurs")
    client.get("/account/logout")
    login(client, stranger.email, PASSWORD)
    page = client.get("/spaser/?year=2025").get_data(as_text=True)
    assert '<th scope="row">Total</th><td>0</td>' in page


def test_csv_and_xlsx_exports(world, client):
    login(client, make_admin().email, PASSWORD)
    csv_bytes = client.get(f"/spaser/export.csv?year=2025&buyer={BUYER_A}").data
    assert csv_bytes.startswith("\ufeff".encode())
    text = csv_bytes.decode("utf-8-sig")
    assert "Indicateur;Marchés;Part des marchés;Montant HT (€);Part du montant;Cible PNAD" in text
    assert "Considération sociale;3;0,6;160000;0,7619;0,3" in text
    book = load_workbook(
        io.BytesIO(client.get(f"/spaser/export.xlsx?year=2025&buyer={BUYER_A}").data)
    )
    rows = list(book["Indicateurs"].iter_rows(values_only=True))
    assert rows[1][:4] == ("Total", 5, 1, 210000)
    assert rows[6][:4] == ("Considération environnementale", 3, 0.6, 140000)
    assert book.sheetnames == ["Indicateurs", "Trimestres", "Divisions CPV", "Départements",
                               "Titulaires ESS"]  # fmt: skip


def test_english_dashboard_report_and_exports_read_in_english(world, client):
    admin = make_admin()
    admin.language = "en"
    db.session.commit()
    login(client, admin.email, PASSWORD)
    for path in ("/spaser/", "/spaser/report"):
        page = client.get(f"{path}?year=2025&buyer={BUYER_A}").get_data(as_text=True)
        assert "Spaser 2025" in page and "Indicators" in page
        assert (
            '<th scope="row">Social consideration</th><td>3</td><td>60.0%</td><td>€160,000</td>'
            in page
        )
        assert "<td>76.2%</td>" in page and "<td>30.0%</td>" in page  # amount share, target
        assert "target 30%" in page  # the line across the charts
        assert "<td>Q1</td>" in page and "<td>Q4</td>" in page and "<td>T1</td>" not in page
        assert "\xa0%" not in page and "\xa0€" not in page and "cible" not in page
    text = client.get(f"/spaser/export.csv?year=2025&buyer={BUYER_A}").data.decode("utf-8-sig")
    assert "Indicator;Contracts;Share of contracts;Amount excl. VAT (€);Share of amount" in text
    assert "Social consideration;3;0.6;160000;0.7619;0.3" in text
    assert "Quarters" in text and "Trimestres" not in text and "\nQ1;" in text
    book = load_workbook(
        io.BytesIO(client.get(f"/spaser/export.xlsx?year=2025&buyer={BUYER_A}").data)
    )
    assert book.sheetnames[:3] == ["Indicators", "Quarters", "CPV divisions"]
    rows = list(book["Indicators"].iter_rows(values_only=True))
    assert rows[0][0] == "Indicator" and rows[1][:4] == ("Total", 5, 1, 210000)


def test_contract_page_formats_money_and_hours_in_the_readers_language(world, client):
    admin = make_admin()
    login(client, admin.email, PASSWORD)
    page = client.get(f"/spaser/contracts/{world.award.id}").get_data(as_text=True)
    assert "10\u202f000\xa0€" in page and "<td>120</td>" in page
    admin.language = "en"
    db.session.commit()
    page = client.get(f"/spaser/contracts/{world.award.id}").get_data(as_text=True)
    assert "€10,000" in page and "<td>120</td>" in page and "500" in page


def test_printable_report(world, client):
    login(client, make_admin().email, PASSWORD)
    page = client.get(f"/spaser/report?year=2025&buyer={BUYER_A}").get_data(as_text=True)
    assert "Rapport annuel Spaser 2025" in page and "Enregistrer au format PDF" in page
    assert "spaser.css" in page
    response = client.get("/static/spaser.css")
    assert "@media print" in response.get_data(as_text=True)
    response.close()


def test_renewal_radar_lists_contracts_ending_that_sse_suppliers_can_take(app_ctx):
    make_supplier("Jardins Verts", "Entretien des espaces verts", ["34"], kinds=["ACI"],
                  cpv_codes=["77310000"])  # fmt: skip
    make_supplier("Paysages SA", "Entretien des espaces verts", ["34"], legal_form="company",
                  cpv_codes=["77310000"])  # fmt: skip
    today = date(2026, 12, 3)

    def contract(cid: str, notified: date, months: int, cpv: str, dep: str) -> None:
        db.session.add(Contract(
            source=ContractSource.DECP, buyer_siret=BUYER_A, contract_id=cid, objet=cid, cpv=cpv,
            department=dep, amount=1000, notified_on=notified, duration_months=months,
            holders=[ContractHolder(identifier="1", identifier_type="SIRET")],
        ))  # fmt: skip

    contract("ENDS-SOON", add_months(today, -20), 24, "77310000", "34")
    contract("ENDS-LATER", add_months(today, -2), 24, "77310000", "34")
    contract("ENDED", add_months(today, -30), 24, "77310000", "34")
    contract("ELSEWHERE", add_months(today, -20), 24, "77310000", "2A")
    db.session.commit()

    found = renewals(db.session, BUYER_A, today)

    assert [r.contract_id for r in found] == ["ENDS-SOON"]
    assert found[0].suppliers == ("Jardins Verts",)  # the company is not SSE
    assert found[0].ends_on == add_months(today, 4)
    assert renewals(db.session, BUYER_B, today) == []
    org = accounts.get_or_create_organisation(db.session, "X")
    assert org.siret is None
