"""The shortlist as buyers, facilitators, suppliers, the API and the CLI see it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from anyascii import anyascii

from procure.accounts.models import Role
from procure.api.auth import create_token
from procure.extensions import db
from procure.matching.service import forget_index
from procure.suppliers.models import SupplierStatus
from tests.conftest import PROCURE, csrf_token, login
from tests.factories import PASSWORD, make_buyer, make_supplier, make_tender, make_user

GREEN = "Entretien des espaces verts : tonte, taille de haies, élagage et débroussaillage."


@pytest.fixture
def registry(app_ctx):
    forget_index()
    esat = make_supplier(
        "ESAT Les Jardins",
        "ESAT : tonte des pelouses, taille de haies, "
        "entretien d'espaces verts pour les collectivités.",
        ["34"],
        kinds=["ESAT"],
    )
    company = make_supplier(
        "Paysages Dupont",
        "Entreprise de paysage : création et entretien d'espaces verts, élagage.",
        ["34"],
        legal_form="company",
    )
    far = make_supplier(
        "ESAT du Nord", "ESAT : entretien d'espaces verts, tonte, haies.", ["59"], kinds=["ESAT"]
    )
    cleaner = make_supplier(
        "EA Propreté",
        "Entreprise adaptée de nettoyage de locaux et de bureaux.",
        ["34"],
        kinds=["EA"],
    )
    pending = make_supplier(
        "ESAT en attente",
        "ESAT : tonte, taille de haies, espaces verts.",
        ["34"],
        kinds=["ESAT"],
        status=SupplierStatus.PENDING,
    )
    tender = make_tender(
        "Entretien des espaces verts du parc",
        GREEN,
        ["34"],
        reference="T-GREEN",
        organisation="Montpellier Méditerranée Métropole",
        clauses=[{"type": "reserved_disability"}],
    )
    yield {
        "esat": esat,
        "company": company,
        "far": far,
        "cleaner": cleaner,
        "pending": pending,
        "tender": tender,
    }
    forget_index()


def test_buyer_sees_ranked_explained_eligible_shortlist(client, registry):
    make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    login(client, "claire@example.org", PASSWORD)
    page = client.get("/tenders/T-GREEN/shortlist").get_data(as_text=True)
    assert "ESAT Les Jardins" in page
    assert "Hérault" in page  # the area reason
    assert "éligible au marché réservé" in page
    # A company is not eligible for a market reserved to disability structures; an
    # unverified supplier is never shown.
    assert "Paysages Dupont" not in page
    assert "ESAT en attente" not in page
    # The local ESAT ranks before the far one.
    if "ESAT du Nord" in page:
        assert page.index("ESAT Les Jardins") < page.index("ESAT du Nord")


def test_shortlist_csv_export(client, registry):
    make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    login(client, "claire@example.org", PASSWORD)
    response = client.get("/tenders/T-GREEN/shortlist?format=csv")
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Rang;Score;SIRET;Nom")
    assert registry["esat"].siret in lines[1]


def test_other_organisation_and_suppliers_cannot_see_the_shortlist(client, registry):
    make_buyer("other@example.org", organisation="Ville de Sète")
    login(client, "other@example.org", PASSWORD)
    assert client.get("/tenders/T-GREEN/shortlist").status_code == 404
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
    make_user(Role.SUPPLIER, "esat@example.org", supplier_id=registry["esat"].id)
    login(client, "esat@example.org", PASSWORD)
    assert client.get("/tenders/T-GREEN/shortlist").status_code == 403


def test_buyer_corrects_detected_trades(client, registry):
    make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    login(client, "claire@example.org", PASSWORD)
    page = client.get("/tenders/T-GREEN/shortlist").get_data(as_text=True)
    assert "Métiers détectés" in page
    token = csrf_token(client, "/tenders/T-GREEN/shortlist")
    from procure.matching.trades import all_trades

    cleaning = next(code for code, label in all_trades() if "ettoyage" in label)
    client.post(
        "/tenders/T-GREEN/trades", data={"csrf_token": token, "trades": [cleaning], "save": "1"}
    )
    db.session.refresh(registry["tender"])
    assert registry["tender"].trades_override == [cleaning]
    page = client.get("/tenders/T-GREEN/shortlist").get_data(as_text=True)
    assert "EA Propreté" in page.split("<tbody>")[1].split("</tr>")[0]


def test_trade_correction_starts_from_the_detected_trades_in_french_order(client, registry):
    make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    login(client, "claire@example.org", PASSWORD)
    page = client.get("/tenders/T-GREEN/shortlist").get_data(as_text=True)
    form = page.split('class="trades-form"')[1].split("</form>")[0]
    ticked = re.findall(
        r'<input checked id="trades-\d+" name="trades" type="checkbox" value="([^"]+)"', form
    )
    detected = re.findall(r'<span class="badge" title="[^"]+">([^<]+)</span>', page)
    assert ticked and len(ticked) == len(detected)  # what the buyer reads is what is ticked
    labels = re.findall(r'<label for="trades-\d+">([^<]+)</label>', form)
    assert labels == sorted(labels, key=lambda x: anyascii(x).casefold())
    assert any(label.startswith("É") for label in labels)
    first_e = next(i for i, label in enumerate(labels) if anyascii(label)[0] in "Ee")
    assert labels[-1][0] not in "ÉE" and first_e < len(labels) - 1


def test_supplier_sees_tenders_for_them(client, registry):
    make_user(Role.SUPPLIER, "esat@example.org", supplier_id=registry["esat"].id)
    make_tender(
        "Nettoyage des bureaux",
        "Nettoyage de locaux administratifs.",
        ["34"],
        reference="T-CLEAN",
        clauses=[{"type": "reserved_inclusion"}],
    )
    login(client, "esat@example.org", PASSWORD)
    page = client.get("/suppliers/for-you").get_data(as_text=True)
    assert "Entretien des espaces verts du parc" in page
    assert "Nettoyage des bureaux" not in page  # reserved to SIAE: the ESAT is not eligible


def test_shortlist_api(client, registry):
    buyer = make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    token = create_token(db.session, buyer)
    stranger = make_buyer("other@example.org", organisation="Ville de Sète")
    other_token = create_token(db.session, stranger)
    db.session.commit()
    assert client.get("/api/v1/tenders/T-GREEN/shortlist").status_code == 401
    headers = {"Authorization": f"Bearer {token}"}
    body = client.get("/api/v1/tenders/T-GREEN/shortlist?limit=5", headers=headers).get_json()
    assert body["tender"] == "T-GREEN"
    assert body["shortlist"][0]["siret"] == registry["esat"].siret
    assert body["shortlist"][0]["reasons"]
    assert registry["company"].siret not in {m["siret"] for m in body["shortlist"]}
    hidden = client.get(
        "/api/v1/tenders/T-GREEN/shortlist", headers={"Authorization": f"Bearer {other_token}"}
    )
    assert hidden.status_code == 404
    bad = client.get("/api/v1/tenders/T-GREEN/shortlist?limit=0", headers=headers)
    assert bad.status_code == 422 and "limit" in json.dumps(bad.get_json())


def test_match_command_prints_one_json_line_per_tender(registry, cli_env):
    result = subprocess.run(
        [PROCURE, "match", "--all", "--limit", "3"],
        env=cli_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["tender"] for line in lines] == ["T-GREEN"]
    first = lines[0]["shortlist"][0]
    assert set(first) == {"siret", "name", "score", "relevant", "reasons"}
    assert first["relevant"] is True
    assert first["siret"] == registry["esat"].siret
    unknown = subprocess.run(
        [PROCURE, "match", "NOPE"], env=cli_env, capture_output=True, text=True, check=False
    )
    assert unknown.returncode == 1 and "unknown tender reference: NOPE" in unknown.stderr


def test_index_follows_registry_changes(client, registry):
    from procure.matching.service import shortlist
    from procure.suppliers.models import SupplierStatus

    names = [m.name for m in shortlist(db.session, registry["tender"])]
    assert "ESAT en attente" not in names
    registry["pending"].status = SupplierStatus.VERIFIED
    db.session.commit()
    names = [m.name for m in shortlist(db.session, registry["tender"])]
    assert "ESAT en attente" in names
    registry["esat"].status = SupplierStatus.REJECTED
    db.session.commit()
    names = [m.name for m in shortlist(db.session, registry["tender"])]
    assert "ESAT Les Jardins" not in names


def test_index_is_shared_through_a_file_between_processes(app, registry, monkeypatch):
    from procure.matching import service
    from procure.matching.index import MatchIndex

    first = [m.siret for m in service.shortlist(db.session, registry["tender"])]
    assert Path(app.config["MATCH_INDEX_PATH"]).is_file()
    service.forget_index()  # as in a new worker process

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the index was rebuilt instead of loaded from the shared file")

    monkeypatch.setattr(MatchIndex, "build", no_rebuild)
    assert [m.siret for m in service.shortlist(db.session, registry["tender"])] == first


def test_tender_page_shows_detected_trades_and_the_shortlist_link(client, registry):
    make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    login(client, "claire@example.org", PASSWORD)
    page = client.get("/tenders/T-GREEN").get_data(as_text=True)
    assert "Métiers détectés dans votre besoin" in page
    assert "Espaces verts" in page or "espaces verts" in page
    assert "/tenders/T-GREEN/shortlist" in page


def test_buyer_sees_suppliers_answers_on_the_shortlist(client, registry):
    from procure.tenders.models import Interest

    db.session.add(
        Interest(
            supplier_id=registry["esat"].id, tender_id=registry["tender"].id, answer="interested"
        )
    )
    db.session.commit()
    make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    login(client, "claire@example.org", PASSWORD)
    page = client.get("/tenders/T-GREEN/shortlist").get_data(as_text=True)
    first_row = page.split("<tbody>")[1].split("</tr>")[0]
    assert "ESAT Les Jardins" in first_row and "intéressé" in first_row
    only = client.get("/tenders/T-GREEN/shortlist?interested=1").get_data(as_text=True)
    assert "ESAT Les Jardins" in only and "ESAT du Nord" not in only


def test_verified_docs_read_as_plain_rows_equal_the_orm_view(registry):
    from procure.matching.service import supplier_doc, verified_docs
    from procure.suppliers.models import Supplier, SupplierStatus

    orm = {
        s.id: supplier_doc(s)
        for s in db.session.scalars(
            db.select(Supplier).where(Supplier.status == SupplierStatus.VERIFIED)
        )
    }
    rows = {doc.id: doc for doc in verified_docs(db.session)}
    assert rows == orm
    assert registry["pending"].id not in rows


def test_match_command_lots_and_english_reasons(registry, cli_env):
    from procure.tenders.models import Clause, ClauseType, Lot

    tender = make_tender(
        "Entretien des sites",
        "Deux lots.",
        ["34"],
        reference="T-LOTS",
        organisation="Montpellier Méditerranée Métropole",
    )
    green = Lot(number=1, title="Entretien des espaces verts", description="Tonte et haies.")
    clean = Lot(number=2, title="Nettoyage des locaux", description="Bureaux et sanitaires.")
    tender.lots.extend([green, clean])
    tender.clauses.append(Clause(type=ClauseType("reserved_disability"), lot=clean))
    db.session.commit()
    result = subprocess.run(
        [PROCURE, "match", "T-LOTS", "--lang", "en"],
        env=cli_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert [(lot["lot"], lot["title"]) for lot in line["lots"]] == [
        (1, "Entretien des espaces verts"),
        (2, "Nettoyage des locaux"),
    ]
    lot1 = {e["name"] for e in line["lots"][0]["shortlist"] if e["relevant"]}
    lot2 = {e["name"] for e in line["lots"][1]["shortlist"] if e["relevant"]}
    # The reservation of lot 2 does not hide the company from the open lot 1.
    assert "Paysages Dupont" in lot1 and lot2 == {"EA Propreté"}
    company = next(e for e in line["shortlist"] if e["name"] == "Paysages Dupont")
    assert "Lot 1" in company["reasons"]
    assert any(r.startswith("Does this trade: grounds maintenance — “") for r in company["reasons"])


def test_trades_list_command(runner):
    listed = runner.invoke(args=["trades", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert {
        "code": "espaces_verts",
        "label_fr": "Entretien des espaces verts",
        "label_en": "Grounds maintenance",
    } in rows
    table = runner.invoke(args=["trades", "list"])
    assert "nettoyage_locaux\tNettoyage et entretien de locaux\t" in table.output


def test_api_answers_in_the_asked_language_else_in_the_accounts(client, registry):
    buyer = make_buyer("claire@example.org", organisation="Montpellier Méditerranée Métropole")
    token = create_token(db.session, buyer)
    db.session.commit()

    def reasons(account: str, asked: str | None) -> str:
        buyer.language = account
        db.session.commit()
        headers = {"Authorization": f"Bearer {token}"}
        if asked:
            headers["Accept-Language"] = asked
        body = client.get("/api/v1/tenders/T-GREEN/shortlist", headers=headers).get_json()
        return " | ".join(r for entry in body["shortlist"] for r in entry["reasons"])

    # Without Accept-Language: the token account's language.
    assert "Works in Hérault" in reasons("en", None)
    assert "Intervient" in reasons("fr", None) and "Works in" not in reasons("fr", None)
    # An explicit header wins over the account's language, both ways.
    assert "Intervient" in reasons("en", "fr-FR,fr;q=0.9")
    assert "Works in Hérault" in reasons("fr", "en")
    # A header naming no supported language leaves the account's language.
    assert "Works in Hérault" in reasons("en", "de")
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "Accept-Language" in spec["info"]["description"]
