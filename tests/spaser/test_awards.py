"""Awards and insertion hours on the web, in the API and on the command line."""

from __future__ import annotations

import io

from flask_babel import force_locale
from sqlalchemy import select

from procure.accounts import services as accounts
from procure.api.auth import create_token
from procure.extensions import db
from procure.spaser.hours_csv import BadHoursFile, import_hours
from procure.spaser.models import Contract, ContractSource, InsertionHoursRealised
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_buyer, make_siret, make_supplier, make_tender

BUYER_SIRET = "21340172201787"


def _closed_tender(**kwargs):
    tender = make_tender(
        "Entretien des espaces verts", "Tonte et taille", ["34"], reference="T-1", status="closed",
        cpv_codes=["77310000-6"], organisation="Ville de Test",
        clauses=[{"type": "insertion", "hours": 300}, {"type": "reserved_inclusion"}],
        **kwargs,
    )  # fmt: skip
    org = accounts.get_or_create_organisation(db.session, "Ville de Test")
    org.siret = BUYER_SIRET
    db.session.commit()
    return tender


def _token(user) -> dict[str, str]:
    token = create_token(db.session, user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_buyer_records_an_award_on_the_web(app_ctx, client):
    buyer = make_buyer(organisation="Ville de Test")
    supplier = make_supplier("Jardins Solidaires", "Espaces verts", ["34"], kinds=["ACI"])
    _closed_tender()
    login(client, buyer.email, PASSWORD)
    url = "/spaser/tenders/T-1/awards"
    page = client.get(url).get_data(as_text=True)
    assert "Enregistrer une attribution" in page and BUYER_SIRET in page

    bad = client.post(url, data={
        "csrf_token": csrf_token(client, url), "lot": "0", "holder_siret": "12345678901234",
        "amount": "90000", "notified_on": "2025-04-01", "duration_months": "24",
        "offers_received": "2", "procedure": "Procédure adaptée", "buyer_siret": BUYER_SIRET,
    })  # fmt: skip
    assert "SIRET invalide" in bad.get_data(as_text=True)
    assert db.session.scalar(select(Contract)) is None

    done = client.post(url, data={
        "csrf_token": csrf_token(client, url), "lot": "0", "holder_siret": supplier.siret,
        "amount": "90000", "notified_on": "2025-04-01", "duration_months": "24",
        "offers_received": "2", "procedure": "Procédure adaptée", "buyer_siret": BUYER_SIRET,
    }, follow_redirects=True)  # fmt: skip
    text = done.get_data(as_text=True)
    assert "Attribution enregistrée." in text
    assert "Jardins Solidaires" in text and "Clause sociale, Marché réservé" in text
    contract = db.session.scalar(select(Contract))
    assert contract.source == ContractSource.PROCURE
    assert (contract.contract_id, contract.insertion_hours, contract.cpv) == (
        "T-1",
        300,
        "77310000",
    )
    assert contract.holders[0].supplier_id == supplier.id


def test_another_organisation_cannot_see_or_award(app_ctx, client):
    _closed_tender()
    other = make_buyer(organisation="Autre Ville")
    login(client, other.email, PASSWORD)
    assert client.get("/spaser/tenders/T-1/awards").status_code == 404


def test_awards_wait_for_the_tender_to_close(app_ctx, client):
    buyer = make_buyer(organisation="Ville de Test")
    make_tender("Ouvert", "Encore ouvert", ["34"], reference="T-2", organisation="Ville de Test")
    login(client, buyer.email, PASSWORD)
    page = client.get("/spaser/tenders/T-2/awards").get_data(as_text=True)
    assert "une fois le marché clôturé" in page and "Enregistrer l&#39;attribution" not in page


def test_api_award_then_facilitator_hours(app_ctx, client):
    buyer = make_buyer(organisation="Ville de Test")
    admin = make_admin()
    _closed_tender()
    holder = make_siret()
    body = {"holder_siret": holder, "holder_name": "SARL Verte", "amount": 45000,
            "notified_on": "2025-09-01", "duration_months": 12, "offers_received": 4,
            "contract_id": "2025-EV-01"}  # fmt: skip
    created = client.post("/api/v1/spaser/tenders/T-1/awards", json=body, headers=_token(buyer))
    assert created.status_code == 201, created.json
    assert created.json["considerations"] == [
        "Clause sociale", "Marché réservé", "Pas de considération environnementale",
    ]  # fmt: skip
    assert created.json["holders"][0] == {
        "identifier": holder, "identifier_type": "SIRET", "name": "SARL Verte",
        "supplier_siret": None,
    }  # fmt: skip
    invalid = client.post("/api/v1/spaser/tenders/T-1/awards",
                          json={**body, "amount": -1}, headers=_token(buyer))  # fmt: skip
    assert invalid.status_code == 422 and "amount" in invalid.json["errors"]["json"]
    assert invalid.json["errors"]["json"]["amount"] == "montant positif requis"
    english = client.post("/api/v1/spaser/tenders/T-1/awards", json={**body, "amount": -1},
                          headers={**_token(buyer), "Accept-Language": "en"})  # fmt: skip
    assert english.json["errors"]["json"]["amount"] == "a positive amount is required"

    url = f"/api/v1/spaser/contracts/{BUYER_SIRET}/2025-EV-01/hours/2025"
    assert client.put(url, json={"hours": 80}, headers=_token(buyer)).status_code == 403
    done = client.put(url, json={"hours": 80}, headers=_token(admin))
    assert done.json == {"contract_id": "2025-EV-01", "year": 2025, "hours": 80.0}
    report = client.get(f"/api/v1/spaser/report?year=2025&buyer={BUYER_SIRET}",
                        headers=_token(admin)).json  # fmt: skip
    assert report["insertion_hours"] == {"committed": 300, "realised": 80}
    assert report["reserved"] == {"contracts": 1, "amount": 45000.0}
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/spaser/tenders/{reference}/awards" in spec["paths"]
    assert "/api/v1/spaser/report" in spec["paths"]


def test_facilitator_imports_hours_from_csv(app_ctx, client):
    admin = make_admin()
    _closed_tender()
    from datetime import date

    from procure.spaser import awards

    tender = db.session.scalar(select(__import__("procure.tenders.models").tenders.models.Tender))
    contract = awards.record_award(db.session, tender, awards.AwardData(
        lot=None, holder_siret=make_siret(), amount=1000, notified_on=date(2025, 1, 2),
        duration_months=6, offers_received=1), None)  # fmt: skip
    db.session.commit()
    login(client, admin.email, PASSWORD)
    csv_text = (
        "\ufeffsiret_acheteur;id_marche;annee;heures\n"
        f"{BUYER_SIRET};T-1;2025;42,5\n"
        f"{BUYER_SIRET};INCONNU;2025;10\n"
        f"{BUYER_SIRET};T-1;deux;10\n"
    )
    url = "/spaser/hours/import"
    page = client.post(url, data={
        "csrf_token": csrf_token(client, url),
        "file": (io.BytesIO(csv_text.encode()), "heures.csv"),
    }, content_type="multipart/form-data").get_data(as_text=True)  # fmt: skip
    assert "1 ligne(s) enregistrée(s), 2 refusée(s)." in page
    assert "marché inconnu" in page and "année ou heures illisibles" in page
    row = db.session.scalar(select(InsertionHoursRealised))
    assert (row.contract_id, row.year, row.hours) == (contract.id, 2025, 42.5)
    shown = client.get(f"/spaser/contracts/{contract.id}").get_data(as_text=True)
    assert "<td>42,5</td>" in shown  # French decimal comma


def test_command_line_award_and_hours(app_ctx, runner, tmp_path):
    _closed_tender()
    holder = make_siret()
    args = ["spaser", "award", "T-1", "--siret", holder, "--amount", "12000", "--date",
            "2025-10-01", "--months", "6", "--offers", "2", "--contract-id", "CLI-1"]  # fmt: skip
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"awarded {BUYER_SIRET} CLI-1"
    refused = runner.invoke(args=[*args[:4], "123", *args[5:]])
    assert refused.exit_code == 1 and "SIRET invalide" in refused.stderr
    path = tmp_path / "hours.csv"
    path.write_text(f"siret_acheteur,id_marche,annee,heures\n{BUYER_SIRET},CLI-1,2025,12\n")
    hours = runner.invoke(args=["spaser", "hours", str(path)])
    assert hours.stdout.strip() == "recorded=1 rejected=0"
    report = runner.invoke(args=["report", "spaser", "--year", "2025", "--buyer", BUYER_SIRET])
    assert '"insertion_hours": {"committed": 300, "realised": 12}' in report.stdout


def test_hours_import_reasons_in_the_readers_language(app_ctx):
    text = f"siret_acheteur;id_marche;annee;heures\n{BUYER_SIRET};INCONNU;2025;10\n"
    with force_locale("en"):
        report = import_hours(db.session, text, None)
        assert report.rejected == [(2, f"unknown contract: {BUYER_SIRET} INCONNU")]
        try:
            import_hours(db.session, "a;b\n1;2\n", None)
        except BadHoursFile as exc:
            assert str(exc) == "expected header: siret_acheteur;id_marche;annee;heures"
        else:
            raise AssertionError("a wrong header is refused")
    french = import_hours(db.session, text, None)
    assert french.rejected == [(2, f"marché inconnu : {BUYER_SIRET} INCONNU")]
