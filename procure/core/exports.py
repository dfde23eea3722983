"""Every CSV and XLSX file procure hands out goes through here.

- Human exports (`office_csv`, `office_xlsx`): what French office software opens as columns:
  `;` delimiter, UTF-8 with BOM, French headers; callers give labels, not codes.
- Machine exports (`machine_csv`): the interchange format (comma, codes) that
  scripts and `procure import` read back.
- In both, a cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
  carriage return) is neutralised with a leading quote, and control characters that XLSX
  cannot hold are dropped. XLSX cells are written as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
OFFICE_DELIMITER = ";"
CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: object) -> str:
    """The cell as text that no spreadsheet evaluates (CSV/formula injection, OWASP)."""
    if value is None:
        return ""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def _lines(
    header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")

    def line(values: Sequence[object]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([neutralise(v) for v in values])
        return buffer.getvalue()

    yield BOM + line(header)
    for row in rows:
        yield line(row)


def office_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """A CSV that French Excel and LibreOffice open in columns: `;`, UTF-8 BOM, CRLF."""
    return _lines(header, rows, OFFICE_DELIMITER)


def machine_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The comma-separated interchange format (with BOM, which every importer here skips)."""
    return _lines(header, rows, ",")


def office_xlsx(sheet_name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """One sheet, a bold header row, every cell stored as text (never a formula)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    bold = Font(bold=True)

    def cells(values: Sequence[object], font: Font | None = None) -> list[object]:
        out: list[object] = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=neutralise(value))
            cell.data_type = "s"
            if font is not None:
                cell.font = font
            out.append(cell)
        return out

    sheet.append(cells(header, bold))
    for row in rows:
        sheet.append(cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
