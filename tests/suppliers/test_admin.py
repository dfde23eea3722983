"""The facilitator's list: filters, pagination, exports and the web import."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from procure.extensions import db
from procure.suppliers.models import Supplier, SupplierStatus
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_supplier
from tests.suppliers.helpers import csv_text, supplier_row


def _facilitator(client) -> None:
    make_admin("f@example.org")
    login(client, "f@example.org", PASSWORD)


def _registry() -> None:
    make_supplier(
        name="ESAT des Garrigues",
        kinds=["ESAT"],
        departments=["34"],
        description="Blanchisserie et repassage du linge des maisons de retraite.",
    )
    make_supplier(
        name="Régie Nîmoise",
        kinds=["EI"],
        departments=["30"],
        legal_form="company",
        status=SupplierStatus.PENDING,
    )
    make_supplier(
        name="Transports Solidaires",
        kinds=[],
        departments=["FR"],
        legal_form="scop",
        description="Déménagements et livraisons à vélo-cargo.",
    )


def _names(page: str) -> set[str]:
    names = {"ESAT des Garrigues", "Régie Nîmoise", "Transports Solidaires"}
    return {n for n in names if n in page}


def test_filters_narrow_the_list(client, app_ctx):
    _registry()
    _facilitator(client)
    get = lambda q: client.get("/admin/suppliers/" + q).get_data(as_text=True)  # noqa: E731
    assert _names(get("")) == {"ESAT des Garrigues", "Régie Nîmoise", "Transports Solidaires"}
    assert _names(get("?status=pending")) == {"Régie Nîmoise"}
    assert _names(get("?kind=ESAT")) == {"ESAT des Garrigues"}
    assert _names(get("?legal_form=scop")) == {"Transports Solidaires"}
    # National suppliers serve every département.
    assert _names(get("?department=34")) == {"ESAT des Garrigues", "Transports Solidaires"}
    assert _names(get("?q=blanchisserie")) == {"ESAT des Garrigues"}
    assert _names(get("?q=VELO-CARGO")) == {"Transports Solidaires"}  # accents folded
    siret = db.session.scalar(select(Supplier.siret).where(Supplier.name == "Régie Nîmoise"))
    assert _names(get(f"?q={siret[:9]}")) == {"Régie Nîmoise"}
    assert _names(get("?q=100%25")) == set()


def test_pagination(client, app_ctx):
    for i in range(55):
        make_supplier(name=f"Structure n°{i:02d}")
    _facilitator(client)
    first = client.get("/admin/suppliers/").get_data(as_text=True)
    second = client.get("/admin/suppliers/?page=2").get_data(as_text=True)
    assert "Page 1 sur 2" in first and "Page 2 sur 2" in second
    assert first.count("Structure n°") == 50 and second.count("Structure n°") == 5


def test_exports_follow_the_filters(client, app_ctx):
    _registry()
    make_supplier(name='=HYPERLINK("http://evil")', departments=["34"])
    _facilitator(client)
    response = client.get("/admin/suppliers/export.csv?department=34&format=machine")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and text.startswith("\ufeffsiret,name")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {r["name"] for r in rows} == {
        "ESAT des Garrigues",
        "Transports Solidaires",
        '\'=HYPERLINK("http://evil")',
    }
    esat = next(r for r in rows if r["name"] == "ESAT des Garrigues")
    assert esat["inclusion_kinds"] == "ESAT" and esat["status"] == "verified"
    book = load_workbook(io.BytesIO(client.get("/admin/suppliers/export.xlsx?kind=EI").data))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:2] == ("SIRET", "Nom")
    assert [v[1] for v in values[1:]] == ["Régie Nîmoise"]


def test_upload_reports_accepted_and_rejected_rows(client, app_ctx):
    _facilitator(client)
    rows = [supplier_row(name="Bonne ligne"), supplier_row(name="Mauvaise", departments="99")]
    data = csv_text(rows, delimiter=";").encode("cp1252")
    token = csrf_token(client, "/admin/suppliers/import")
    page = client.post(
        "/admin/suppliers/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), "structures.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 créées, 0 mises à jour, 0 inchangées, 1 refusées" in page
    assert "code de département inconnu : 99" in page and "<td>3</td>" in page
    supplier = db.session.scalar(select(Supplier))
    assert supplier.name == "Bonne ligne" and supplier.status == SupplierStatus.VERIFIED
    trail = supplier_trail(supplier)
    assert trail == [("f@example.org", "import.create")]


def test_upload_of_a_file_with_a_wrong_header_says_so(client, app_ctx):
    _facilitator(client)
    token = csrf_token(client, "/admin/suppliers/import")
    page = client.post(
        "/admin/suppliers/import",
        data={"csrf_token": token, "file": (io.BytesIO(b"a,b\n1,2\n"), "x.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "colonnes manquantes" in page
    assert db.session.scalar(select(Supplier)) is None


def supplier_trail(supplier: Supplier) -> list[tuple[str, str]]:
    from procure.suppliers.models import SupplierAudit

    return [
        (a.actor, a.action)
        for a in db.session.scalars(
            select(SupplierAudit).where(SupplierAudit.supplier_id == supplier.id)
        )
    ]


def test_a_csv_export_imports_back_unchanged(client, app_ctx):
    from procure.suppliers.csvfile import open_csv
    from procure.suppliers.importer import import_suppliers

    _registry()
    _facilitator(client)
    exported = client.get("/admin/suppliers/export.csv?status=verified&format=machine").data
    with open_csv(io.BytesIO(exported)) as source:
        report = import_suppliers(db.session, source.rows)
    assert report.summary == "imported=0 updated=0 rejected=0" and report.unchanged == 2
