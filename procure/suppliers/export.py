"""Exports of the facilitator's filtered list, written by procure.core.exports:
- CSV for people (default): `;`, BOM, French headers, labels instead of codes, Paris time;
- CSV for scripts (`?format=machine`): the import format (comma, codes), so an export
  can be edited and imported back with `procure import suppliers`;
- XLSX: the people's columns, every cell as text.
Rows are streamed in chunks, never all in memory."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from procure.core import exports
from procure.core.formatting import label, when
from procure.suppliers.models import Supplier
from procure.suppliers.queries import Filters, filtered
from procure.suppliers.validation import FIELDS

COLUMNS = (*FIELDS, "status", "rejection_reason", "updated_at")
CHUNK = 1000


def _machine_values(s: Supplier) -> list[object]:
    return [
        s.siret,
        s.name,
        s.legal_form,
        ";".join(s.inclusion_kinds),
        "yes" if s.esus else "no",
        s.description,
        ";".join(s.cpv_codes or []),
        ";".join(s.departments),
        s.postcode,
        s.city,
        s.email,
        s.website,
        "" if s.employees is None else s.employees,
        str(s.status),
        s.rejection_reason,
        s.updated_at.strftime("%Y-%m-%d %H:%M") if s.updated_at else "",
    ]


def _people_values(s: Supplier) -> list[object]:
    return [
        s.siret,
        s.name,
        label(s.legal_form, "legal_form"),
        ", ".join(s.inclusion_kinds),
        label(bool(s.esus), "yes_no"),
        s.description,
        ", ".join(s.cpv_codes or []),
        ", ".join(s.departments),
        s.postcode,
        s.city,
        s.email,
        s.website,
        "" if s.employees is None else s.employees,
        label(s.status, "supplier_status"),
        s.rejection_reason,
        when(s.updated_at),
    ]


def people_header() -> list[str]:
    return [label(column, "supplier_field") for column in COLUMNS]


def suppliers(session: Session, filters: Filters) -> Iterator[Supplier]:
    offset = 0
    stmt = filtered(filters)
    while True:
        chunk = list(session.scalars(stmt.limit(CHUNK).offset(offset)))
        yield from chunk
        if len(chunk) < CHUNK:
            return
        offset += CHUNK


def csv_lines(session: Session, filters: Filters) -> Iterator[str]:
    """For people: French Excel opens it in columns."""
    rows = (_people_values(s) for s in suppliers(session, filters))
    return exports.office_csv(people_header(), rows)


def machine_csv_lines(session: Session, filters: Filters) -> Iterator[str]:
    """For scripts and re-import: the import format's columns, comma-separated, codes."""
    rows = (_machine_values(s) for s in suppliers(session, filters))
    return exports.machine_csv(COLUMNS, rows)


def xlsx_bytes(session: Session, filters: Filters) -> bytes:
    rows = (_people_values(s) for s in suppliers(session, filters))
    return exports.office_xlsx("structures", people_header(), rows)
