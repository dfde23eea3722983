"""`procure import tenders`: the dev set, the real notices, bad records, idempotence."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from sqlalchemy import func, select

from procure.extensions import db
from procure.tenders.jobs import close_expired_tenders
from procure.tenders.models import ClauseType, Tender, TenderRevision, TenderStatus
from procure.tenders.services import close_expired
from tests.conftest import shared_path
from tests.tenders.helpers import record


def tenders() -> dict[str, Tender]:
    db.session.expire_all()
    return {t.reference: t for t in db.session.scalars(select(Tender))}


def write(tmp_path, records) -> str:
    path = tmp_path / "tenders.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_dev_set_imports_open_and_a_second_run_changes_nothing(app_ctx, runner):
    path = shared_path("eval", "dev", "tenders.json")
    expected = json.loads(path.read_text(encoding="utf-8"))
    result = runner.invoke(args=["import", "tenders", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "imported=50 updated=0 rejected=0"
    found = tenders()
    assert len(found) == 50
    assert all(t.status == TenderStatus.OPEN and t.opened_at for t in found.values())
    first = found[expected[0]["reference"]]
    assert first.organisation.name == expected[0]["buyer"]
    assert first.contact_email == expected[0]["buyer_email"]
    assert first.deadline == date.fromisoformat(expected[0]["deadline"])
    clauses = sum(len(r["clauses"]) for r in expected)
    assert sum(len(t.clauses) for t in found.values()) == clauses
    again = runner.invoke(args=["import", "tenders", str(path)])
    assert again.output.strip().splitlines()[-1] == "imported=0 updated=0 rejected=0"


def test_real_notices_import_every_record(app_ctx, cli_env):
    path = shared_path("data", "real-notices", "notices.json")
    run = subprocess.run(
        [sys.executable, "-m", "procure", "import", "tenders", str(path)],
        env=cli_env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "imported=25 updated=0 rejected=0"
    found = tenders()
    assert found["REAL-016"].departments == ["971", "977", "978"]
    assert found["REAL-018"].departments == ["FR"]
    assert found["REAL-012"].estimated_value == 43798333.3
    hours = [c.hours for c in found["REAL-010"].clauses if c.type == ClauseType.INSERTION]
    assert hours == [None]
    # Two notices of "La Poste" / "LA POSTE" and of Métropole de Lyon share one organisation.
    assert found["REAL-009"].organisation_id == found["REAL-011"].organisation_id


def test_bad_records_are_reported_with_their_position_and_good_ones_land(app_ctx, runner, tmp_path):
    records = [
        record(reference="OK-1"),
        record(reference="BAD-2", departments=["99"], clauses=[{"type": "insertion", "hours": 0}]),
        "not an object",
        record(reference="OLD-4", deadline="2020-06-30"),
        record(reference="OK-1", title="Même référence"),
    ]
    result = runner.invoke(args=["import", "tenders", write(tmp_path, records)])
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1] == "imported=2 updated=0 rejected=3"
    assert "record 2 (BAD-2): " in result.stderr and "99" in result.stderr
    assert "entier positif" in result.stderr
    assert "record 3: a tender is a JSON object" in result.stderr
    assert "record 5 (OK-1): reference already seen" in result.stderr
    found = tenders()
    assert set(found) == {"OK-1", "OLD-4"}
    assert found["OLD-4"].status == TenderStatus.CLOSED  # past deadline: imported, closed


def test_unreadable_file_exits_1(app_ctx, runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert runner.invoke(args=["import", "tenders", str(bad)]).exit_code == 1
    bad.write_text('{"reference": "X"}', encoding="utf-8")
    result = runner.invoke(args=["import", "tenders", str(bad)])
    assert result.exit_code == 1 and "JSON list" in result.stderr
    assert runner.invoke(args=["import", "tenders", str(tmp_path / "none.json")]).exit_code == 1


def test_an_update_of_an_open_tender_is_kept_in_its_history(app_ctx, runner, tmp_path):
    runner.invoke(args=["import", "tenders", write(tmp_path, [record()])])
    changed = record(estimated_value=150000, clauses=[{"type": "insertion", "hours": 500}])
    result = runner.invoke(args=["import", "tenders", write(tmp_path, [changed])])
    assert result.stdout.strip().splitlines()[-1] == "imported=0 updated=1 rejected=0"
    tender = tenders()["T-2027-001"]
    assert tender.estimated_value == 150000 and tender.clauses[0].hours == 500
    edit = db.session.scalars(select(TenderRevision).where(TenderRevision.action == "edited")).one()
    assert edit.actor == "import"
    assert edit.changes["estimated_value"] == {"old": 120000, "new": 150000}
    assert edit.changes["clauses"]["new"] == [{"type": "insertion", "hours": 500}]


def test_close_expired_closes_past_deadlines_once(app_ctx, runner, tmp_path):
    records = [record(reference="A", deadline="2027-01-10"), record(reference="B")]
    runner.invoke(args=["import", "tenders", write(tmp_path, records)])
    assert close_expired(db.session, date(2027, 1, 11)) == 1
    db.session.commit()
    assert close_expired(db.session, date(2027, 1, 11)) == 0
    found = tenders()
    assert found["A"].status == TenderStatus.CLOSED and found["A"].closed_at
    assert found["B"].status == TenderStatus.OPEN
    count = db.session.scalar(select(func.count(TenderRevision.id)).where(
        TenderRevision.action == "closed"))  # fmt: skip
    assert count == 1


def test_the_scheduled_job_closes_and_commits(app, app_ctx, runner, tmp_path):
    runner.invoke(args=["import", "tenders", write(tmp_path, [record(deadline="2026-01-05")])])
    tender = tenders()["T-2027-001"]
    assert tender.status == TenderStatus.CLOSED  # imported after its deadline
    tender.status = TenderStatus.OPEN
    db.session.commit()
    assert close_expired_tenders(db.session) == "closed=1"
    db.session.remove()
    assert tenders()["T-2027-001"].status == TenderStatus.CLOSED
