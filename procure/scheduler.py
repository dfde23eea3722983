"""`procure scheduler`: the one process that runs timed jobs (never inside web workers).

APScheduler 3 with an in-memory job store: each scheduler process has its own schedule and
nothing is shared, because a shared job store makes two processes fire the same job. Safety
against two schedulers started by mistake comes from the jobs themselves: queueing is unique
per recipient and period, delivery claims each row atomically (see procure.digests.delivery).

Jobs (Europe/Paris time, `TIMEZONE`):
- weekly_digests: `DIGEST_SCHEDULE` (cron, default "0 7 * * mon"); also once at start when
  this week's time has already passed (a scheduler restarted on Tuesday still sends them).
- supplier_alerts: every hour at minute 5 from 07:05 to 20:05 (no mail at night), daily or
  weekly per the supplier's preference.
- deliver_mail: every 5 minutes, pending mail and failed mail whose back-off is over.
- close_expired_tenders: every day at 00:10, and at start.
- process_imports: every minute (first a minute after start), the stored web uploads
  (procure.imports), one committed batch at a time; a job a crashed scheduler left is
  resumed after its last committed batch.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import click
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from flask.cli import with_appcontext

from procure.extensions import db
from procure.timeutil import utcnow

log = logging.getLogger("procure.scheduler")
DELIVERY_EVERY = timedelta(minutes=5)
IMPORTS_EVERY = timedelta(minutes=1)


def _jobs() -> dict:
    from procure.digests.jobs import JOBS
    from procure.imports.jobs import JOBS as IMPORT_JOBS

    return {**JOBS, **IMPORT_JOBS}


def run_job(app: Flask, name: str) -> str | None:
    """Run one job in a fresh app context; log and swallow its errors so the scheduler lives."""
    with app.app_context():
        try:
            result = _jobs()[name](db.session)
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", name)
            return None
        finally:
            db.session.remove()
    log.info("job %s: %s", name, result)
    return result


def digest_trigger(app: Flask) -> CronTrigger:
    tz = ZoneInfo(app.config["TIMEZONE"])
    return CronTrigger.from_crontab(app.config["DIGEST_SCHEDULE"], timezone=tz)


def missed_this_week(trigger: CronTrigger, now: datetime) -> bool:
    """True when the schedule already fired earlier this ISO week (local time)."""
    local_now = now.astimezone(trigger.timezone)
    monday = (local_now - timedelta(days=local_now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    first = trigger.get_next_fire_time(None, monday)
    return first is not None and first <= local_now


def build_scheduler(
    app: Flask, scheduler: BaseScheduler | None = None, now: datetime | None = None
) -> BaseScheduler:
    """The scheduler with every job, not started (tests inspect it without sleeping)."""
    tz = ZoneInfo(app.config["TIMEZONE"])
    now = now or utcnow()
    scheduler = scheduler or BlockingScheduler(timezone=tz)
    scheduler.configure(
        jobstores={"default": MemoryJobStore()},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        timezone=tz,
    )
    weekly = digest_trigger(app)
    start = now.astimezone(tz)

    def add(name: str, trigger, run_now: bool) -> None:
        options = {"next_run_time": start} if run_now else {}
        scheduler.add_job(
            run_job, trigger, args=(app, name), id=name, name=name, replace_existing=True, **options
        )

    add("weekly_digests", weekly, missed_this_week(weekly, now))
    add("supplier_alerts", CronTrigger(hour="7-20", minute=5, timezone=tz), True)
    add("deliver_mail", IntervalTrigger(seconds=DELIVERY_EVERY.total_seconds(), timezone=tz), True)
    add("close_expired_tenders", CronTrigger(hour=0, minute=10, timezone=tz), True)
    every_minute = IntervalTrigger(seconds=IMPORTS_EVERY.total_seconds(), timezone=tz)
    add("process_imports", every_minute, False)
    return scheduler


@click.command(
    "scheduler", help="Run the scheduler (digests, alerts, mail, tenders) in the foreground."
)
@with_appcontext
def scheduler_command() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = current_app._get_current_object()
    scheduler = build_scheduler(app)
    for job in scheduler.get_jobs():
        click.echo(f"scheduler: {job.name}: {job.trigger}")
    click.echo(f"scheduler: running ({app.config['TIMEZONE']}); Ctrl-C stops it")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("scheduler: stopped")
