"""The scheduler's import job: a thin wrapper (session in, summary out).

An import is background work on a machine it shares with the web workers (two cores here):
its batches run at a lower CPU priority (IMPORT_NICE) so that shortlists win the processor.
On Linux a nice value is per thread: the batches run in a thread of their own, niced and gone
with the job, so the scheduler's other jobs (and the caller of `procure import run-pending`)
keep their priority.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from flask import current_app
from sqlalchemy.orm import Session

from procure.extensions import db, remove_session
from procure.imports.services import process_pending
from procure.scheduler import Job, every_minute, not_at_start

log = logging.getLogger(__name__)
IMPORT_NICE = 10  # added to the nice value of the thread that runs the batches


def lower_priority() -> None:
    """Add IMPORT_NICE to the calling thread's nice value (the process's, off Linux)."""
    try:
        os.nice(IMPORT_NICE)
    except OSError as exc:  # not permitted: the import still runs, at normal priority
        log.warning("import priority not lowered: %s", exc)


def run_niced(work: Callable[[Session], str]) -> str:
    """`work(session)` in a niced thread of its own, with its own app context and session."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    result: list[str] = []

    def run() -> None:
        lower_priority()
        with app.app_context():
            try:
                result.append(work(db.session))
            finally:
                remove_session()

    worker = threading.Thread(target=run, name="import-job", daemon=True)
    worker.start()
    worker.join()
    if not result:
        raise RuntimeError("the import thread failed (see its traceback above)")
    return result[0]


def process_imports(session: Session) -> str:
    """The pending imports, run at a lower priority (the scheduler's session is left idle)."""
    return run_niced(process_pending)


JOBS = (Job("process_imports", process_imports, every_minute, not_at_start),)
