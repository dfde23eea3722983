"""Reading the supplier CSV files people really have: UTF-8 with or without BOM, or
Windows-1252 (French Excel), comma or semicolon delimited, columns in any order.

Rows are streamed (a 100,000-row file is never held in memory) and carry the line number
where they start, so a rejection points at the line a person sees in their editor.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import gettext as _

from procure.suppliers.validation import FIELDS, REQUIRED_COLUMNS

CHUNK = 1 << 20
csv.field_size_limit(1 << 20)
# Limits that keep one upload from pinning a worker: the header is read with a bounded
# readline and refused before it is split when it is too long or has too many columns.
MAX_HEADER_CHARS = 4096
MAX_COLUMNS = 50
MAX_FIELD_CHARS = 25_000  # a description may have 20,000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportFileError(ValueError):
    """The file cannot be read at all, or its header is wrong (nothing was imported)."""


@dataclass
class RawRow:
    line: int
    values: dict[str, str]
    problem: str = ""


@dataclass
class CsvSource:
    encoding: str
    delimiter: str
    columns: list[str]
    lines: int  # physical lines, for a progress bar
    rows: Iterator[RawRow]
    text: io.TextIOWrapper

    def close(self) -> None:
        """Close the file (the text layer owns the binary stream it wraps)."""
        self.text.close()

    def __enter__(self) -> CsvSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _detect_encoding(stream: BinaryIO) -> tuple[str, int]:
    """'utf-8-sig' when the whole file decodes as UTF-8, else 'cp1252'; and its line count.
    Decided on the whole file: a single é in Windows-1252 on line 90,000 must not break
    the import half-way."""
    head = stream.read(4)
    if head.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            _("Ce fichier est un classeur Excel : enregistrez-le au format CSV puis réessayez.")
        )
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, lines = True, 0
    while chunk := stream.read(CHUNK):
        lines += chunk.count(b"\n")
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    stream.seek(0)
    return ("utf-8-sig" if utf8 else "cp1252"), lines


def _normalise_column(name: str) -> str:
    return name.strip().strip("\ufeff").strip().lower().replace(" ", "_")


def open_csv(stream: BinaryIO) -> CsvSource:
    """Check the header and return a row iterator; ImportFileError when unreadable."""
    encoding, lines = _detect_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    try:
        return _open_text(text, encoding, lines)
    except BaseException:
        text.detach()  # the caller still owns the binary stream and closes it
        raise


def _open_text(text: io.TextIOWrapper, encoding: str, lines: int) -> CsvSource:
    try:
        first = text.readline(MAX_HEADER_CHARS + 1)
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Fichier illisible : encodage inconnu.")) from exc
    if not first.strip():
        raise ImportFileError(_("Fichier vide : la première ligne doit être l'en-tête."))
    if len(first) > MAX_HEADER_CHARS and not first.endswith("\n"):
        raise ImportFileError(
            _("En-tête trop long : %(n)d caractères au plus.", n=MAX_HEADER_CHARS)
        )
    if _CONTROL.search(first):
        raise ImportFileError(
            _("En-tête illisible : caractère nul ou de contrôle (fichier UTF-16 ou binaire ?).")
        )
    delimiter = max((";", ",", "\t"), key=first.count)
    if first.count(delimiter) + 1 > MAX_COLUMNS:
        raise ImportFileError(
            _(
                "Trop de colonnes : %(n)d, %(m)d au plus.",
                n=first.count(delimiter) + 1,
                m=MAX_COLUMNS,
            )
        )
    columns = [_normalise_column(c) for c in next(csv.reader([first], delimiter=delimiter))]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportFileError(
            _(
                "En-tête incorrect : colonnes manquantes %(m)s. En-tête attendu : %(h)s",
                m=", ".join(missing),
                h=",".join(FIELDS),
            )
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise ImportFileError(
            _("En-tête incorrect : colonnes en double %(d)s", d=", ".join(duplicated))
        )
    return CsvSource(encoding, delimiter, columns, lines, _rows(text, delimiter, columns), text)


def _rows(text: io.TextIOWrapper, delimiter: str, columns: list[str]) -> Iterator[RawRow]:
    reader = csv.reader(text, delimiter=delimiter)
    keep = [(i, c) for i, c in enumerate(columns) if c in FIELDS]
    while True:
        start = reader.line_num + 2  # the header, read apart, is line 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                reason = _("champ de plus de %(n)d caractères", n=MAX_FIELD_CHARS)
            else:
                reason = _("ligne CSV illisible : %(e)s", e=str(exc))
            yield RawRow(start, {}, reason)
            continue
        line = start
        if not any(cell.strip() for cell in cells):
            continue
        joined = "".join(cells)
        if _CONTROL.search(joined):
            yield RawRow(line, {}, _("caractère nul ou de contrôle dans la ligne"))
            continue
        if len(joined) > MAX_FIELD_CHARS and max(map(len, cells)) > MAX_FIELD_CHARS:
            yield RawRow(line, {}, _("champ de plus de %(n)d caractères", n=MAX_FIELD_CHARS))
            continue
        if len(cells) != len(columns):
            yield RawRow(
                line,
                {},
                _(
                    "%(n)d colonnes au lieu de %(m)d (séparateur dans un champ sans guillemets ?)",
                    n=len(cells),
                    m=len(columns),
                ),
            )
            continue
        yield RawRow(line, {c: cells[i] for i, c in keep})
