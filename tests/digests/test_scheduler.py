"""The scheduler's jobs and triggers, built from the configuration, and idempotent jobs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from procure import scheduler as sched
from procure.extensions import db
from procure.tenders.models import Tender, TenderStatus
from tests.factories import make_buyer, make_supplier, make_tender

PARIS = ZoneInfo("Europe/Paris")


def test_jobs_and_triggers_come_from_the_configuration(app, monkeypatch):
    sunday = datetime(2026, 11, 29, 12, 0, tzinfo=PARIS)
    scheduler = sched.build_scheduler(app, now=sunday)
    jobs_by_id = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs_by_id) == {
        "weekly_digests",
        "supplier_alerts",
        "deliver_mail",
        "close_expired_tenders",
        "process_imports",
    }
    weekly = jobs_by_id["weekly_digests"].trigger
    assert weekly.get_next_fire_time(None, sunday) == datetime(2026, 11, 30, 7, 0, tzinfo=PARIS)
    alerts = jobs_by_id["supplier_alerts"].trigger
    assert alerts.get_next_fire_time(None, sunday) == datetime(2026, 11, 29, 12, 5, tzinfo=PARIS)
    assert str(scheduler.timezone) == "Europe/Paris"
    assert scheduler._jobstores["default"].__class__.__name__ == "MemoryJobStore"

    monkeypatch.setitem(app.config, "DIGEST_SCHEDULE", "30 18 * * fri")
    weekly = sched.build_scheduler(app, now=sunday).get_job("weekly_digests").trigger
    assert weekly.get_next_fire_time(None, sunday) == datetime(2026, 12, 4, 18, 30, tzinfo=PARIS)


def test_a_scheduler_started_after_this_weeks_time_catches_up_once(app):
    trigger = sched.digest_trigger(app)
    assert not sched.missed_this_week(trigger, datetime(2026, 11, 30, 6, 59, tzinfo=PARIS))
    assert sched.missed_this_week(trigger, datetime(2026, 11, 30, 7, 0, tzinfo=PARIS))
    assert sched.missed_this_week(trigger, datetime(2026, 12, 2, 15, 0, tzinfo=PARIS))
    monday_early = datetime(2026, 11, 30, 6, 0, tzinfo=PARIS)
    job = sched.build_scheduler(app, now=monday_early).get_job("weekly_digests")
    assert getattr(job, "next_run_time", None) is None  # waits for Monday 07:00
    wednesday = datetime(2026, 12, 2, 15, 0, tzinfo=PARIS)
    job = sched.build_scheduler(app, now=wednesday).get_job("weekly_digests")
    assert job.next_run_time == wednesday


def test_weekly_job_run_twice_sends_each_digest_once(app_ctx, smtp):
    make_supplier()
    buyers = [make_buyer(organisation=f"Ville {i}") for i in range(2)]
    for buyer in buyers:
        make_tender(buyer=buyer)
    db.session.commit()
    first = sched.run_job(app_ctx, "weekly_digests")
    second = sched.run_job(app_ctx, "weekly_digests")
    assert first.startswith("digests=2 ") and "sent=2" in first
    assert second.startswith("digests=0 ") and "sent=0" in second
    assert sorted(m["To"] for m in smtp.messages) == sorted(b.email for b in buyers)
    assert "sent=0" in sched.run_job(app_ctx, "deliver_mail")


def test_closing_expired_tenders_is_idempotent(app_ctx):
    buyer = make_buyer()
    past = make_tender(buyer=buyer, reference="OLD", deadline=date.today() - timedelta(days=2))
    current = make_tender(buyer=buyer, reference="NEW", deadline=date.today() + timedelta(days=2))
    db.session.commit()
    assert sched.run_job(app_ctx, "close_expired_tenders") == "closed=1"
    assert sched.run_job(app_ctx, "close_expired_tenders") == "closed=0"
    db.session.expire_all()
    statuses = dict(db.session.execute(select(Tender.reference, Tender.status)).all())
    assert statuses == {"OLD": TenderStatus.CLOSED, "NEW": TenderStatus.OPEN}
    assert db.session.get(Tender, past.id).closed_at is not None
    assert db.session.get(Tender, current.id).closed_at is None


def test_a_failing_job_is_logged_and_the_scheduler_survives(app, monkeypatch, caplog):
    def broken(session):
        raise RuntimeError("boom")

    registry = sched.jobs_of(app)
    monkeypatch.setitem(registry, "deliver_mail", replace(registry["deliver_mail"], run=broken))
    assert sched.run_job(app, "deliver_mail") is None
    assert "job deliver_mail failed" in caplog.text


def test_the_scheduler_process_starts_and_delivers_queued_mail(app_ctx, cli_env):
    """`procure scheduler` (what `make run` starts): its delivery job runs at start."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from procure.digests.models import MessageKind
    from procure.mail.outbox import Draft, queue_message

    buyer = make_buyer("queued@example.org")
    queue_message(
        db.session,
        Draft(
            buyer.id,
            buyer.email,
            MessageKind.DIGEST,
            "2026-W01",
            "Récapitulatif en attente",
            "Bonjour",
        ),
    )
    db.session.commit()
    outbox = Path(app_ctx.config["OUTBOX_DIR"])
    proc = subprocess.Popen(
        [sys.executable, "-m", "procure", "scheduler"],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(outbox.glob("*.eml")):
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            output = proc.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            proc.kill()
            output = proc.communicate()[0]
            raise AssertionError(f"the scheduler did not stop on Ctrl-C:\n{output}") from None
    files = list(outbox.glob("*.eml"))
    assert len(files) == 1, output
    from email import message_from_bytes, policy

    mail = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert (mail["To"], mail["Subject"]) == ("queued@example.org", "Récapitulatif en attente")
    assert "scheduler: stopped" in output
    for name in ("weekly_digests", "supplier_alerts", "deliver_mail", "close_expired_tenders"):
        assert f"scheduler: {name}:" in output
