"""Creating, claiming and running import jobs (plain functions over a session).

A job commits once per batch of rows: the suppliers of the batch, the rows rejected since the
previous batch, and its progress (`lines_done`, counts) in one transaction. A crash loses at
most the batch in flight; the next run skips the lines already accounted for and goes on.
Only one process runs a job at a time: it is claimed with one atomic UPDATE (pending, or
running with a heartbeat older than `STALE_AFTER`, which is what a crashed runner leaves).
"""

from __future__ import annotations

import contextlib
import io
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from flask import current_app
from sqlalchemy import CursorResult, and_, or_, select, update
from sqlalchemy.orm import Session

from procure.accounts.models import User
from procure.events import AFTER_BULK_IMPORT
from procure.imports.models import ImportFile, ImportJob, ImportRejection, JobStatus
from procure.suppliers.csvfile import ImportFileError, RawRow, open_csv
from procure.suppliers.fastpath import bulk_insert
from procure.suppliers.importer import BATCH_SIZE, ImportReport, import_suppliers
from procure.suppliers.services import IMPORT, Actor
from procure.suppliers.validation import clean_siret
from procure.timeutil import utcnow

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 3
# Past this many new or changed suppliers a job runs the hooks of app.extensions[AFTER_BULK_IMPORT].
PUBLISH_AFTER = 2_000


def create_job(session: Session, user: User | None, filename: str, content: bytes) -> ImportJob:
    """Check the file's header (ImportFileError when wrong) and store it as a pending job."""
    with open_csv(io.BytesIO(content)) as source:
        lines = source.lines
    job = ImportJob(
        user_id=user.id if user else None,
        filename=filename[:255],
        size=len(content),
        total_lines=lines,
        status=JobStatus.PENDING,
    )
    session.add(job)
    session.flush()
    session.add(ImportFile(job_id=job.id, content=content))
    session.flush()
    return job


def claim(session: Session, job_id: int, now: datetime | None = None) -> bool:
    """Take the job for this process; committed at once so no other runner takes it."""
    now = now or utcnow()
    claimable = or_(
        ImportJob.status == JobStatus.PENDING,
        and_(ImportJob.status == JobStatus.RUNNING, ImportJob.heartbeat_at < now - STALE_AFTER),
    )
    result = session.execute(
        update(ImportJob)
        .where(ImportJob.id == job_id, claimable)
        .values(status=JobStatus.RUNNING, heartbeat_at=now, attempts=ImportJob.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return cast(CursorResult, result).rowcount == 1


@dataclass
class _Progress:
    last_line: int = 0
    saved_rejections: int = 0


def _resumed_rows(
    rows: Iterator[RawRow], skip: int, rejected: set[int], accepted: dict[str, int], p: _Progress
) -> Iterator[RawRow]:
    """The rows after line `skip`; the SIRETs of the good rows before it go to `accepted`."""
    for row in rows:
        if row.line <= skip:
            if not row.problem and row.line not in rejected:
                with contextlib.suppress(ValueError):
                    accepted.setdefault(clean_siret(row.values.get("siret", "")), row.line)
            continue
        p.last_line = row.line
        yield row


def run_job(
    session: Session,
    job: ImportJob,
    *,
    batch_size: int = BATCH_SIZE,
    after_commit: Callable[[ImportJob], None] | None = None,
) -> ImportJob:
    """Process a claimed job to its end, committing each batch with its progress."""
    job_id = job.id
    start = {k: getattr(job, k) for k in ("imported", "updated", "unchanged", "rejected")}
    skip = job.lines_done
    if job.started_at is None:
        job.started_at = utcnow()
    user = session.get(User, job.user_id) if job.user_id else None
    actor = Actor.of(user) if user else IMPORT
    content = session.get_one(ImportFile, job_id).content
    rejected = set(
        session.scalars(select(ImportRejection.line).where(ImportRejection.job_id == job_id))
    )
    report, progress = ImportReport(), _Progress(last_line=skip)
    accepted: dict[str, int] = {}

    def commit_point() -> None:
        new = report.rejected[progress.saved_rejections :]
        bulk_insert(
            session,
            ImportRejection.__table__,
            [
                {"job_id": job_id, "line": r.line, "siret": r.siret[:30], "name": r.name[:200],
                 "reason": r.reason}
                for r in new
            ],
        )  # fmt: skip
        progress.saved_rejections = len(report.rejected)
        session.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id)
            .values(
                lines_done=progress.last_line,
                imported=start["imported"] + report.imported,
                updated=start["updated"] + report.updated,
                unchanged=start["unchanged"] + report.unchanged,
                rejected=start["rejected"] + len(report.rejected),
                heartbeat_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
        session.commit()
        if after_commit is not None:
            after_commit(session.get_one(ImportJob, job_id))

    with open_csv(io.BytesIO(content)) as source:
        rows = _resumed_rows(source.rows, skip, rejected, accepted, progress)
        import_suppliers(
            session,
            rows,
            actor,
            batch_size=batch_size,
            on_batch=commit_point,
            report=report,
            accepted=accepted,
        )
        commit_point()  # the rejected rows after the last batch
    job = session.get_one(ImportJob, job_id)
    job.status, job.finished_at, job.error = JobStatus.DONE, utcnow(), ""
    session.execute(ImportFile.__table__.delete().where(ImportFile.job_id == job_id))
    session.commit()
    if report.imported + report.updated >= PUBLISH_AFTER:
        _after_bulk_import(session)
    return job


def _after_bulk_import(session: Session) -> None:
    """Run the hooks other features registered under AFTER_BULK_IMPORT (the matcher rebuilds
    and shares its index here, off the web requests); a failing hook is logged."""
    for hook in current_app.extensions.get(AFTER_BULK_IMPORT, ()):
        start = time.perf_counter()
        try:
            hook(session)
        except Exception:  # the web workers follow the registry by themselves meanwhile
            log.exception("%s failed after an import", hook.__name__)
            session.rollback()
        else:
            log.info("%s done in %.0f s", hook.__name__, time.perf_counter() - start)


def run_claimed(session: Session, job_id: int, **options) -> ImportJob:
    """Run a claimed job; on failure record why and leave it to be resumed (or failed for
    good after MAX_ATTEMPTS)."""
    try:
        return run_job(session, session.get_one(ImportJob, job_id), **options)
    except Exception as exc:
        session.rollback()
        log.exception("import job %s failed", job_id)
        job = session.get_one(ImportJob, job_id)
        job.error = _error_text(exc)
        job.status = JobStatus.FAILED if job.attempts >= MAX_ATTEMPTS else JobStatus.PENDING
        if job.status == JobStatus.FAILED:
            job.finished_at = utcnow()
        session.commit()
        return job


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ImportFileError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"[:500]


def runnable(session: Session, now: datetime | None = None) -> list[int]:
    now = now or utcnow()
    stale = and_(ImportJob.status == JobStatus.RUNNING, ImportJob.heartbeat_at < now - STALE_AFTER)
    stmt = select(ImportJob.id).where(or_(ImportJob.status == JobStatus.PENDING, stale))
    return list(session.scalars(stmt.order_by(ImportJob.id)))


def process_pending(session: Session, now: datetime | None = None, **options) -> str:
    """Run every pending job (and every job a crashed runner left), oldest first."""
    done = failed = 0
    for job_id in runnable(session, now):
        if not claim(session, job_id, now):
            continue  # another runner took it
        job = run_claimed(session, job_id, **options)
        done += job.status == JobStatus.DONE
        failed += job.status != JobStatus.DONE
    return f"imports done={done} failed={failed}"
