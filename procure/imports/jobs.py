"""The scheduler's import job: a thin wrapper (session in, summary out)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from procure.imports.services import process_pending


def process_imports(session: Session) -> str:
    return process_pending(session)


JOBS = {"process_imports": process_imports}
