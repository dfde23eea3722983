"""The demo's tenders, imported through `procure import tenders`' own code path."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from procure.tenders.importer import import_records, read_list
from procure.tenders.jobs import today_in_paris

DEMO_FILE = Path(__file__).resolve().parent.parent / "demo" / "data" / "tenders.json"


def load_demo_tenders(session: Session) -> str:
    """Buyer names are the demo organisations' names, so the tenders join them."""
    report = import_records(session, read_list(DEMO_FILE), today_in_paris())
    if report.rejected:
        raise RuntimeError(f"demo tenders rejected: {report.rejected}")
    return f"tenders={len(report.references)}"
