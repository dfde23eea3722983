"""The scheduler's import job: a thin wrapper (session in, summary out)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from procure.imports.services import process_pending
from procure.scheduler import Job, every_minute, not_at_start


def process_imports(session: Session) -> str:
    return process_pending(session)


JOBS = (Job("process_imports", process_imports, every_minute, not_at_start),)
