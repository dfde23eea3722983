"""Every CSV/XLSX export: French office format for people, formula cells neutralised everywhere."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from procure.core.exports import machine_csv, neutralise, office_csv, office_xlsx
from procure.matching.service import forget_index
from tests.conftest import login
from tests.factories import PASSWORD, make_admin, make_buyer, make_supplier, make_tender

HOSTILE = ['=HYPERLINK("http://x")', "-2+3", "+33 1 23", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_is_quoted(value):
    assert neutralise(value) == "'" + value
    for text, delimiter in (
        ("".join(office_csv(["a"], [[value]])), ";"),
        ("".join(machine_csv(["a"], [[value]])), ","),
    ):
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))
        assert rows[1] == ["'" + value]


def test_harmless_cells_are_left_alone():
    assert neutralise("Régie Nîmoise") == "Régie Nîmoise"
    assert neutralise("a=b") == "a=b" and neutralise(12) == "12" and neutralise(None) == ""


def test_office_csv_opens_in_columns_in_french_excel():
    text = "".join(office_csv(["Nom", "Ville"], [["A; B", "Nîmes"]]))
    assert text.startswith("\ufeffNom;Ville\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Nom", "Ville"], ["A; B", "Nîmes"]]


def test_xlsx_cells_are_text_never_formulas():
    book = load_workbook(io.BytesIO(office_xlsx("s", ["Nom"], [['=HYPERLINK("http://x")'], [12]])))
    cells = [row[0] for row in book.active.iter_rows()]
    assert [c.value for c in cells] == ["Nom", '\'=HYPERLINK("http://x")', "12"]
    assert {c.data_type for c in cells} == {"s"}
    assert cells[0].font.bold


def _facilitator(client):
    make_admin("f@example.org")
    login(client, "f@example.org", PASSWORD)


def _rows(data: bytes, delimiter: str) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_facilitator_exports_neutralise_hostile_names(client, app_ctx):
    make_supplier('=HYPERLINK("http://x")', "Entretien d'espaces verts.", ["34"])
    make_supplier("-2+3", "Nettoyage de locaux.", ["34"], legal_form="scop", kinds=["EI"])
    _facilitator(client)

    people = _rows(client.get("/admin/suppliers/export.csv").data, ";")
    header = people[0]
    assert header[:4] == ["SIRET", "Nom", "Forme juridique", "Statuts d'inclusion"]
    assert "Statut" in header and "status" not in header
    names = {r[1] for r in people[1:]}
    assert names == {'\'=HYPERLINK("http://x")', "'-2+3"}
    scop = next(r for r in people[1:] if r[1] == "'-2+3")
    assert scop[2] == "SCOP" and "vérifiée" in scop and "verified" not in scop

    machine = _rows(client.get("/admin/suppliers/export.csv?format=machine").data, ",")
    assert machine[0][:3] == ["siret", "name", "legal_form"]
    assert {r[1] for r in machine[1:]} == names
    assert {r[2] for r in machine[1:]} == {"association", "scop"}

    book = load_workbook(io.BytesIO(client.get("/admin/suppliers/export.xlsx").data))
    values = list(book.active.iter_rows(values_only=True))
    assert values[0][1] == "Nom"
    assert {v[1] for v in values[1:]} == names


def test_shortlist_csv_is_french_and_neutralised(client, app_ctx):
    forget_index()
    make_supplier(
        '=HYPERLINK("http://x")',
        "ESAT : tonte des pelouses, taille de haies, entretien d'espaces verts.",
        ["34"],
        kinds=["ESAT"],
    )
    make_supplier("-2+3", "Entretien d'espaces verts, tonte et élagage.", ["34"], legal_form="scop")
    make_tender(
        "Entretien des espaces verts",
        "Entretien des espaces verts : tonte, taille de haies, élagage.",
        ["34"],
        reference="T-CSV",
        organisation="Ville de Test",
    )
    make_buyer("claire@example.org", organisation="Ville de Test")
    login(client, "claire@example.org", PASSWORD)
    rows = _rows(client.get("/tenders/T-CSV/shortlist?format=csv").data, ";")
    forget_index()
    assert rows[0][:4] == ["Rang", "Score", "SIRET", "Nom"]
    assert {r[3] for r in rows[1:]} == {'\'=HYPERLINK("http://x")', "'-2+3"}
    assert "SCOP" in {r[5] for r in rows[1:]} and "scop" not in {r[5] for r in rows[1:]}
