"""`procure scheduler`: the one process that runs timed jobs (never inside web workers).

The job list is owned here: each feature contributes its `Job`s from its `init_app`
(`register_jobs`), and `build_scheduler` schedules every registered job.

APScheduler 3 with an in-memory job store: each scheduler process has its own schedule and
nothing is shared, because a shared job store makes two processes fire the same job. Safety
against two schedulers started by mistake comes from the jobs themselves: queueing is unique
per recipient and period, delivery claims each row atomically (see procure.mail.claims).

Jobs (Europe/Paris time, `TIMEZONE`):
- weekly_digests (digests): `DIGEST_SCHEDULE` (cron, default "0 7 * * mon"); also once at start when
  this week's time has already passed (a scheduler restarted on Tuesday still sends them).
- supplier_alerts (digests): every hour at minute 5 from 07:05 to 20:05 (no mail at night), daily or
  weekly per the supplier's preference.
- deliver_mail (digests): every 5 minutes, pending mail and failed mail whose back-off is over.
- close_expired_tenders (tenders): every day at 00:10, and at start.
- process_imports (imports): every minute (first a minute after start), the stored web
  uploads (procure.imports), one committed batch at a time; a job a crashed scheduler left is
  resumed after its last batch.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import click
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from procure.domain.localtime import utcnow
from procure.extensions import db, remove_session

log = logging.getLogger("procure.scheduler")
DELIVERY_EVERY = timedelta(minutes=5)
EXTENSION = "procure.jobs"


@dataclass(frozen=True, slots=True)
class Job:
    """A timed job a feature contributes: `run(session)` does the work, commits its own
    changes and returns a one-line summary; `trigger(app)` says when; `at_start(trigger, now)`
    whether to run it once at start as well (catching up what was missed while stopped)."""

    name: str
    run: Callable[[Session], str]
    trigger: Callable[[Flask], BaseTrigger]
    at_start: Callable[[BaseTrigger, datetime], bool]


def always(trigger: BaseTrigger, now: datetime) -> bool:
    return True


def not_at_start(trigger: BaseTrigger, now: datetime) -> bool:
    """First run on the trigger's own schedule (less work while the process starts)."""
    return False


def register_jobs(app: Flask, *jobs: Job) -> None:
    """Called by each feature's `init_app`: the scheduler runs every job registered."""
    registry: dict[str, Job] = app.extensions.setdefault(EXTENSION, {})
    for job in jobs:
        if job.name in registry:
            raise ValueError(f"two jobs named {job.name!r}")
        registry[job.name] = job


def jobs_of(app: Flask) -> dict[str, Job]:
    return app.extensions.get(EXTENSION, {})


_running: set[str] = set()  # names of the jobs running now, told when the scheduler stops


def run_job(app: Flask, name: str) -> str | None:
    """Run one job in a fresh app context; log and swallow its errors so the scheduler lives."""
    job = jobs_of(app)[name]
    _running.add(name)
    with app.app_context():
        try:
            result = job.run(db.session)
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", name)
            return None
        finally:
            remove_session()
            _running.discard(name)
    log.info("job %s: %s", name, result)
    return result


STOP_GRACE_SECONDS = 10.0


def stop(scheduler: BaseScheduler, grace: float = STOP_GRACE_SECONDS) -> None:
    """Stop on Ctrl-C or SIGTERM: no new run, running jobs get `grace` seconds, then the
    process leaves, cutting any still running. Cutting a job is safe: each commits per batch,
    the outbox claims of a cut delivery expire and are retried (tests/security). The process
    leaves with os._exit: joining threads at interpreter exit has been seen to hang."""
    scheduler.shutdown(wait=False)
    deadline = time.monotonic() + grace
    while _running and time.monotonic() < deadline:
        time.sleep(0.1)
    cut = f", cutting {', '.join(sorted(_running))}" if _running else ""
    click.echo(f"scheduler: stopped{cut}")
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(0)


def local_zone(app: Flask) -> ZoneInfo:
    return ZoneInfo(app.config["TIMEZONE"])


def hourly_by_day(app: Flask) -> CronTrigger:
    """Every hour at minute 5 from 07:05 to 20:05: no mail at night."""
    return CronTrigger(hour="7-20", minute=5, timezone=local_zone(app))


def every_few_minutes(app: Flask) -> IntervalTrigger:
    return IntervalTrigger(seconds=DELIVERY_EVERY.total_seconds(), timezone=local_zone(app))


def every_minute(app: Flask) -> IntervalTrigger:
    return IntervalTrigger(seconds=60, timezone=local_zone(app))


def nightly(app: Flask) -> CronTrigger:
    """Every day at 00:10, just after the local date has changed."""
    return CronTrigger(hour=0, minute=10, timezone=local_zone(app))


def digest_trigger(app: Flask) -> CronTrigger:
    return CronTrigger.from_crontab(app.config["DIGEST_SCHEDULE"], timezone=local_zone(app))


def missed_this_week(trigger: BaseTrigger, now: datetime) -> bool:
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
    start = now.astimezone(tz)
    for job in jobs_of(app).values():
        trigger = job.trigger(app)
        options = {"next_run_time": start} if job.at_start(trigger, now) else {}
        scheduler.add_job(
            run_job, trigger, args=(app, job.name), id=job.name, name=job.name,
            replace_existing=True, **options,
        )  # fmt: skip
    return scheduler


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@click.command(
    "scheduler", help="Run the scheduler (digests, alerts, mail, tenders) in the foreground."
)
@with_appcontext
def scheduler_command() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # The real app behind the proxy: the scheduler's threads outlive this context.
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    scheduler = build_scheduler(app)
    for job in scheduler.get_jobs():
        click.echo(f"scheduler: {job.name}: {job.trigger}")
    click.echo(f"scheduler: running ({app.config['TIMEZONE']}); Ctrl-C stops it")
    # Ctrl-C and SIGTERM stop it even when started with SIGINT ignored (a shell's background job)
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        stop(scheduler)
