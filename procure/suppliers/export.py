"""Exports of the facilitator's filtered list: CSV (in the import format, so an export can
be edited and imported back) and XLSX. Rows are streamed in chunks, never all in memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy.orm import Session

from procure.suppliers.models import Supplier
from procure.suppliers.queries import Filters, filtered
from procure.suppliers.validation import FIELDS

COLUMNS = (*FIELDS, "status", "rejection_reason", "updated_at")
CHUNK = 1000
FORMULA_START = ("=", "+", "@", "\t", "\r")


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula is quoted (CSV/formula injection), and
    control characters that XLSX cannot hold are dropped."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value[:1] in FORMULA_START else value


def _values(s: Supplier) -> list[object]:
    return [_safe(v) for v in _raw_values(s)]


def _raw_values(s: Supplier) -> list[object]:
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
    """A UTF-8 CSV with BOM, so that Excel shows the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    for supplier in suppliers(session, filters):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(_values(supplier))
        yield buffer.getvalue()


def xlsx_bytes(session: Session, filters: Filters) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("structures")
    sheet.append(list(COLUMNS))
    for supplier in suppliers(session, filters):
        sheet.append(_values(supplier))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
