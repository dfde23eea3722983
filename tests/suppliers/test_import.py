"""`procure import suppliers`: what a facilitator importing real files would notice."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from procure.extensions import db
from procure.suppliers.models import Supplier, SupplierAudit, SupplierStatus
from tests.conftest import shared_path
from tests.factories import make_supplier
from tests.suppliers.helpers import supplier_row, write_csv


def run(runner, *args: str):
    return runner.invoke(args=["import", "suppliers", *args])


def count() -> int:
    return db.session.scalar(select(func.count(Supplier.id)))


def test_dev_set_imports_every_row_through_the_real_script(app_ctx, cli_env, tmp_path):
    path = shared_path("eval", "dev", "suppliers.csv")
    with path.open(encoding="utf-8") as f:
        expected = sum(1 for _ in csv.DictReader(f))
    procure = str(Path(sys.executable).with_name("procure"))
    result = subprocess.run(
        [procure, "import", "suppliers", str(path)],
        env=cli_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"imported={expected} updated=0 rejected=0"
    db.session.expire_all()
    assert count() == expected
    statuses = set(db.session.scalars(select(Supplier.status)))
    assert statuses == {SupplierStatus.VERIFIED}
    with path.open(encoding="utf-8") as f:
        first = next(csv.DictReader(f))
    supplier = db.session.scalar(select(Supplier).where(Supplier.siret == first["siret"]))
    assert supplier.name == first["name"]
    assert supplier.departments == sorted(first["departments"].split(";"))
    assert supplier.search_text and supplier.search_text == supplier.search_text.lower()


def test_broken_rows_are_rejected_with_line_and_reason_and_good_rows_land(
    runner, app_ctx, tmp_path
):
    good = [supplier_row(name=f"Structure {i}") for i in range(5)]
    bad_checksum = supplier_row(
        siret=good[0]["siret"][:-1] + str((int(good[0]["siret"][-1]) + 1) % 10)
    )
    rows = [
        good[0],
        bad_checksum,  # line 3
        supplier_row(inclusion_kinds="ACI;SCOOP"),  # line 4
        good[1],
        supplier_row(departments="34;99"),  # line 6
        supplier_row(description=""),  # line 7
        good[2],
        dict(good[1], name="Le même SIRET"),  # line 9
        supplier_row(name="x" * 250),  # line 10
        good[3],
        supplier_row(legal_form="sarl", email="pas-une-adresse"),  # line 12
        good[4],
    ]
    path = write_csv(tmp_path / "mixed.csv", rows)
    report = tmp_path / "report.csv"
    result = run(runner, str(path), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "imported=5 updated=0 rejected=7"
    errors = result.stderr
    assert "ligne 3" in errors and "clé de contrôle" in errors
    assert "ligne 4" in errors and "statut d'inclusion inconnu : SCOOP" in errors
    assert "ligne 6" in errors and "code de département inconnu : 99" in errors
    assert "ligne 7" in errors and "description vide" in errors
    assert "ligne 9" in errors and "SIRET en double dans le fichier (déjà ligne 5)" in errors
    assert "ligne 10" in errors and "trop long" in errors
    assert "ligne 12" in errors and "forme juridique inconnue : sarl" in errors
    assert "adresse e-mail invalide" in errors
    with report.open(encoding="utf-8") as f:
        reported = list(csv.DictReader(f))
    assert [int(r["line"]) for r in reported] == [3, 4, 6, 7, 9, 10, 12]
    assert all(r["reason"] for r in reported)
    names = set(db.session.scalars(select(Supplier.name)))
    assert names == {f"Structure {i}" for i in range(5)}


def test_importing_twice_changes_nothing_and_a_changed_row_updates(runner, app_ctx, tmp_path):
    rows = [supplier_row(name=f"Structure {i}") for i in range(3)]
    path = write_csv(tmp_path / "a.csv", rows)
    assert run(runner, str(path)).stdout.strip() == "imported=3 updated=0 rejected=0"
    stamp = db.session.scalar(select(func.max(Supplier.updated_at)))
    audits = db.session.scalar(select(func.count(SupplierAudit.id)))
    assert run(runner, str(path)).stdout.strip() == "imported=0 updated=0 rejected=0"
    assert db.session.scalar(select(func.max(Supplier.updated_at))) == stamp
    assert db.session.scalar(select(func.count(SupplierAudit.id))) == audits

    rows[1]["description"] = "Nettoyage écologique de bureaux et de locaux municipaux."
    rows[2]["inclusion_kinds"] = "EI;ETTI"
    write_csv(path, rows)
    assert run(runner, str(path)).stdout.strip() == "imported=0 updated=2 rejected=0"
    db.session.expire_all()
    changed = db.session.scalar(select(Supplier).where(Supplier.siret == rows[1]["siret"]))
    assert changed.search_text.startswith("nettoyage ecologique de bureaux")
    assert changed.updated_at > stamp
    kinds = db.session.scalar(select(Supplier).where(Supplier.siret == rows[2]["siret"]))
    assert kinds.inclusion_kinds == ["EI", "ETTI"]
    trail = db.session.scalars(
        select(SupplierAudit).where(SupplierAudit.action == "import.update")
    ).all()
    assert len(trail) == 1  # the description is no eligibility field
    assert trail[0].actor == "import"
    assert trail[0].changes["inclusion_kinds"] == [["ACI"], ["EI", "ETTI"]]


def test_windows_1252_semicolon_file_from_french_excel(runner, app_ctx, tmp_path):
    row = supplier_row(name="Régie de quartier Œuvre", city="Sète", departments="34;2a;1")
    row["postcode"] = "3200"  # Excel dropped the leading zero of 03200
    path = write_csv(tmp_path / "excel.csv", [row], encoding="cp1252", delimiter=";")
    assert run(runner, str(path)).stdout.strip() == "imported=1 updated=0 rejected=0"
    supplier = db.session.scalar(select(Supplier))
    assert supplier.name == "Régie de quartier Œuvre" and supplier.city == "Sète"
    assert supplier.departments == ["01", "2A", "34"]
    assert supplier.postcode == "03200"


def test_utf8_bom_file_with_columns_in_another_order(runner, app_ctx, tmp_path):
    row = supplier_row(name="Atelier Éco", cpv_codes="90911200-8;77310000")
    columns = ["name", "siret", "description", "departments", "legal_form", "inclusion_kinds"]
    path = write_csv(tmp_path / "bom.csv", [row], encoding="utf-8-sig", columns=columns)
    result = run(runner, str(path))
    assert result.stdout.strip() == "imported=1 updated=0 rejected=0", result.stderr
    supplier = db.session.scalar(select(Supplier))
    assert supplier.name == "Atelier Éco" and supplier.siret == row["siret"]
    assert supplier.cpv_codes == []  # the column was absent


def test_cpv_check_digits_are_dropped(runner, app_ctx, tmp_path):
    path = write_csv(tmp_path / "cpv.csv", [supplier_row(cpv_codes="90911200-8;77310000")])
    run(runner, str(path))
    assert db.session.scalar(select(Supplier)).cpv_codes == ["90911200", "77310000"]


def test_wrong_header_exits_1_and_imports_nothing(runner, app_ctx, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("nom,numero\nA,1\n", encoding="utf-8")
    result = run(runner, str(path))
    assert result.exit_code == 1
    assert "colonnes manquantes" in result.stderr and "siret" in result.stderr
    assert count() == 0


def test_unreadable_file_exits_1(runner, app_ctx, tmp_path):
    result = run(runner, str(tmp_path / "absent.csv"))
    assert result.exit_code == 1 and "absent.csv" in result.stderr
    xlsx = tmp_path / "book.csv"
    xlsx.write_bytes(b"PK\x03\x04rest of a zip")
    result = run(runner, str(xlsx))
    assert result.exit_code == 1 and "classeur Excel" in result.stderr


def test_import_verifies_a_pending_supplier_and_audits_it(runner, app_ctx, tmp_path):
    pending = make_supplier(status=SupplierStatus.PENDING, name="En attente")
    row = supplier_row(siret=pending.siret, name="En attente")
    path = write_csv(tmp_path / "v.csv", [row])
    assert run(runner, str(path)).stdout.strip() == "imported=0 updated=1 rejected=0"
    db.session.expire_all()
    supplier = db.session.get(Supplier, pending.id)
    assert supplier.status == SupplierStatus.VERIFIED
    last = db.session.scalars(
        select(SupplierAudit)
        .where(SupplierAudit.supplier_id == supplier.id)
        .order_by(SupplierAudit.id.desc())
    ).first()
    assert last.changes["status"] == ["pending", "verified"]


def test_small_batches_give_the_same_result(app_ctx, tmp_path):
    from procure.suppliers.csvfile import open_csv
    from procure.suppliers.importer import import_suppliers

    rows = [supplier_row(name=f"S{i}") for i in range(7)] + [supplier_row(siret="123")]
    path = write_csv(tmp_path / "b.csv", rows)
    with open_csv(path.open("rb")) as source:
        report = import_suppliers(db.session, source.rows, batch_size=3)
    db.session.commit()
    assert report.summary == "imported=7 updated=0 rejected=1"
    assert report.rejected[0].line == 9 and "14 chiffres" in report.rejected[0].reason
    assert count() == 7


def test_dev_set_with_broken_rows_mixed_in_imports_exactly_the_good_ones(runner, app_ctx, tmp_path):
    source = shared_path("eval", "dev", "suppliers.csv")
    with source.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        columns, good = reader.fieldnames, list(reader)
    broken = [
        dict(good[0], siret=good[0]["siret"][:-1] + str((int(good[0]["siret"][-1]) + 1) % 10)),
        dict(good[1], inclusion_kinds="EI;SIAE"),
        dict(good[2], departments="34;20"),
        dict(good[3], description="  "),
        dict(good[4]),  # the same SIRET again
        dict(good[5], city="x" * 101),
    ]
    rows = list(good)
    for offset, row in enumerate(broken):
        rows.insert(40 * (offset + 1), row)
    path = tmp_path / "dev-broken.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    report = tmp_path / "report.csv"
    result = run(runner, str(path), "--report", str(report))
    assert result.exit_code == 0
    assert result.stdout.strip() == f"imported={len(good)} updated=0 rejected=6"
    with report.open(encoding="utf-8") as f:
        lines = [int(r["line"]) for r in csv.DictReader(f)]
    # Each broken row sits at index 40*(k+1) of the data rows: file line = index + 2.
    assert lines == [40 * (k + 1) + 2 for k in range(6)]
    assert len(result.stderr.strip().splitlines()) == 6
    assert count() == len(good)
