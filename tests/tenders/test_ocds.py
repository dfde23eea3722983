"""OCDS in and out: clause types from sustainability and reservedParticipation, round trip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from procure.extensions import db
from procure.ocds.importer import import_package
from procure.tenders.models import Tender, TenderStatus
from procure.tenders.services import snapshot
from tests.conftest import _truncate, shared_path
from tests.tenders.helpers import record

FIXTURE = Path(__file__).parent / "fixtures" / "ocds_sustainability.json"
TODAY = date(2026, 11, 28)


def by_reference() -> dict[str, Tender]:
    db.session.expire_all()
    return {t.reference: t for t in db.session.scalars(select(Tender))}


def types(clauses) -> list[str]:
    return [str(c.type) for c in clauses]


def test_ocds_package_imports_with_the_right_clause_types(app_ctx, runner):
    result = runner.invoke(args=["import", "ocds", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "imported=2 updated=0 rejected=2"
    assert "record 3: the release has no tender" in result.stderr
    assert "record 4 (NP-1): " in result.stderr and "FRJ13" in result.stderr
    found = by_reference()
    lodeve = found["LODEVE-2027-EV"]
    # shelteredWorkshop without a French detail: EA/ESAT and SIAE jointly.
    assert types(lodeve.own_clauses) == [
        "reserved_disability", "reserved_inclusion", "insertion", "environmental",
    ]  # fmt: skip
    assert lodeve.own_clauses[2].hours is None
    assert "Zéro produit phytosanitaire" in lodeve.own_clauses[3].text
    assert lodeve.cpv_codes == ["77310000", "77341000"]
    assert lodeve.departments == ["34"]
    assert lodeve.organisation.name == "Commune de Lodève"
    assert lodeve.contact_email == "marches@lodeve.example.fr"
    assert lodeve.deadline == date(2027, 2, 15) and lodeve.status == TenderStatus.OPEN
    assert [lot.title for lot in lodeve.lots] == ["Parcs et abords des écoles", "Cimetières"]
    assert types(lodeve.lot_clauses(lodeve.lots[1])) == ["reserved_inclusion"]
    gard = found["GARD-2026-MED"]
    assert types(gard.own_clauses) == ["reserved_ess", "social_criterion"]
    assert gard.own_clauses[1].weight == 20
    assert gard.departments == ["30", "2A"]
    assert gard.status == TenderStatus.CLOSED  # deadline passed: imported, closed


def test_export_then_import_gives_back_the_same_tenders(app, app_ctx, runner, tmp_path):
    dev = shared_path("eval", "dev", "tenders.json")
    records = json.loads(dev.read_text(encoding="utf-8"))[:20]
    records.append(
        record(
            reference="LOTS-1",
            clauses=[{"type": "reserved_disability"}, {"type": "reserved_ess"}],
            lots=[
                {"title": "Lot A", "description": "a", "clauses": [{"type": "reserved_ess"}]},
                {"title": "Lot B", "clauses": [{"type": "insertion", "hours": 120},
                                               {"type": "social_criterion", "weight": 12.5}]},
            ],
        )
    )  # fmt: skip
    records.append(record(reference="NAT-1", departments=["FR"], estimated_value=None))
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    runner.invoke(args=["import", "tenders", str(source)])
    before = {
        ref: (snapshot(t), t.organisation.name, str(t.status)) for ref, t in by_reference().items()
    }
    exported = runner.invoke(args=["export", "ocds"])
    assert exported.exit_code == 0
    package = json.loads(exported.stdout)
    assert len(package["releases"]) == 22
    assert package["releases"][0]["ocid"].startswith("ocds-procure-")
    path = tmp_path / "package.json"
    path.write_text(exported.stdout, encoding="utf-8")

    db.session.remove()
    _truncate(app)  # a clean database
    report = import_package(db.session, path, TODAY)
    db.session.commit()
    assert report.summary() == "imported=22 updated=0 rejected=0"
    after = {
        ref: (snapshot(t), t.organisation.name, str(t.status)) for ref, t in by_reference().items()
    }
    assert after == before
    again = import_package(db.session, path, TODAY)
    assert again.summary() == "imported=0 updated=0 rejected=0"


def test_export_of_named_tenders_and_unknown_names(app_ctx, runner, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps([record(reference="A-1"), record(reference="B-2")]), "utf-8")
    runner.invoke(args=["import", "tenders", str(source)])
    result = runner.invoke(args=["export", "ocds", "B-2"])
    package = json.loads(result.stdout)
    assert [r["tender"]["id"] for r in package["releases"]] == ["B-2"]
    release = package["releases"][0]
    assert release["tag"] == ["tender"] and release["initiationType"] == "tender"
    assert release["date"].endswith("+00:00")  # an aware time on SQLite too
    assert release["parties"][0]["roles"] == ["buyer"]
    insertion = release["tender"]["sustainability"][0]
    assert insertion["goal"] == "social.disadvantagedEmploymentOpportunities"
    assert insertion["strategies"] == ["contractPerformanceConditions"]
    assert insertion["x_procureInsertionHours"] == 350
    missing = runner.invoke(args=["export", "ocds", "NOPE"])
    assert missing.exit_code == 1 and "unknown tender: NOPE" in missing.stderr


def test_unreadable_packages_exit_1(app_ctx, runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = runner.invoke(args=["import", "ocds", str(bad)])
    assert result.exit_code == 1 and "package" in result.stderr
    bad.write_text("{", encoding="utf-8")
    assert runner.invoke(args=["import", "ocds", str(bad)]).exit_code == 1
