"""`procure import tenders`: tenders from a JSON list (as in the demo data), by reference.

An import is an administrator's act on published notices: tenders land open (validated), or
closed when their deadline has passed; a past deadline is no reason to refuse a record.
Each bad record is reported with its position (1-based) and reason while the good ones land;
an unchanged record counts neither as imported nor as updated, so a second run says 0 0.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from procure.accounts.models import Organisation
from procure.accounts.services import get_or_create_organisation
from procure.tenders import services
from procure.tenders.cpv import official_codes
from procure.tenders.models import Tender, TenderStatus
from procure.tenders.validation import TenderData, TenderInvalid, clean_tender


class UnreadableFile(ValueError):
    """The file cannot be read as a JSON list: nothing was imported."""


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # position, ref, reason
    references: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"imported={self.imported} updated={self.updated} rejected={len(self.rejected)}"


def read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8-sig") as f:
            return json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableFile(f"{path}: {exc}") from exc


def read_list(path: Path) -> list[Any]:
    records = read_json(path)
    if not isinstance(records, list):
        raise UnreadableFile(f"{path}: a JSON list of tenders is expected")
    return records


def _status_for(deadline: date | None, today: date) -> TenderStatus:
    return TenderStatus.CLOSED if deadline is not None and deadline < today else TenderStatus.OPEN


def organisation_named(session: Session, name: str) -> Organisation:
    """The organisation called `name`, created when new."""
    return get_or_create_organisation(session, name)


def save_imported(session: Session, data: TenderData, today: date) -> str:
    """Create or update one checked tender; return "imported", "updated" or "unchanged"."""
    org = organisation_named(session, data.buyer)
    tender = session.scalar(select(Tender).where(Tender.reference == data.reference))
    target = _status_for(data.deadline, today)
    if tender is None:
        services.create_tender(session, data, org, status=target)
        return "imported"
    changed = tender.organisation_id != org.id
    tender.organisation = org
    changed |= bool(services.update_tender(session, tender, data, actor="import"))
    if target == TenderStatus.CLOSED and tender.status != TenderStatus.CLOSED:
        if tender.status != TenderStatus.OPEN:
            tender.status = TenderStatus.OPEN
        services.close(session, tender, None, "import")
        changed = True
    elif target == TenderStatus.OPEN and tender.status not in services.VALIDATED:
        tender.status = TenderStatus.SUBMITTED
        services._set_status(session, tender, TenderStatus.OPEN, None, "import")
        changed = True
    session.flush()
    return "updated" if changed else "unchanged"


def import_records(
    session: Session, records: list[Any], today: date, prepared: list[Any] | None = None
) -> ImportReport:
    """Import `records` (dicts in the tenders JSON format). `prepared`, when given, holds
    for each record either such a dict or an error message (from the OCDS mapping)."""
    report = ImportReport()
    official = official_codes(session)
    seen: set[str] = set()
    for position, record in enumerate(prepared if prepared is not None else records, start=1):
        if prepared is not None and isinstance(record, str):
            report.rejected.append((position, "", record))
            continue
        if not isinstance(record, Mapping):
            report.rejected.append((position, "", "a tender is a JSON object"))
            continue
        reference = str(record.get("reference") or "").strip()
        try:
            data = clean_tender(record, strict=False, official_cpv=official)
        except TenderInvalid as exc:
            report.rejected.append((position, reference, str(exc)))
            continue
        if data.reference in seen:
            report.rejected.append((position, reference, "reference already seen in this file"))
            continue
        seen.add(data.reference)
        try:
            with session.begin_nested():
                outcome = save_imported(session, data, today)
        except SQLAlchemyError as exc:
            report.rejected.append(
                (position, reference, f"database error: {exc.__class__.__name__}")
            )
            continue
        report.references.append(data.reference)
        if outcome == "imported":
            report.imported += 1
        elif outcome == "updated":
            report.updated += 1
    return report
