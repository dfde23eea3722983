"""Dashboard exports in the reader's language: CSV (';', UTF-8 with BOM, for Excel; decimal
comma in French, point in English) and XLSX (numbers as numbers), titles and headers
translated."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask_babel import gettext as _
from openpyxl import Workbook

from procure.core.formatting import decimal
from procure.spaser.dashboard import Dashboard

Section = tuple[str, list[str], list[list]]


def _amount() -> str:
    return _("Montant HT (€)")


def _indicator_rows(board: Dashboard, labels: dict[str, str]) -> list[list]:
    rows = [[_("Total"), board.figures["contracts"], 1, board.figures["amount"], 1, ""]]
    for i in board.indicators:
        rows.append(
            [labels[i.code], i.contracts, round(i.contract_share, 4), i.amount,
             round(i.amount_share, 4), "" if i.target is None else i.target]
        )  # fmt: skip
    hours = board.figures["insertion_hours"]
    rows.append([_("Heures d'insertion engagées"), hours["committed"], "", "", "", ""])
    rows.append([_("Heures d'insertion réalisées"), hours["realised"], "", "", "", ""])
    return rows


def _group_rows(groups) -> list[list]:
    return [
        [name, g["all"]["contracts"], g["all"]["amount"], g["social"]["contracts"],
         g["environmental"]["contracts"]]
        for name, g in groups
    ]  # fmt: skip


def _sections(board: Dashboard, labels: dict[str, str]) -> Iterator[Section]:
    indicator_header = [
        _("Indicateur"), _("Marchés"), _("Part des marchés"), _amount(), _("Part du montant"),
        _("Cible PNAD"),
    ]  # fmt: skip
    group_header = [
        _("Groupe"), _("Marchés"), _amount(), _("Marchés avec considération sociale"),
        _("Marchés avec considération environnementale"),
    ]  # fmt: skip
    yield _("Indicateurs"), indicator_header, _indicator_rows(board, labels)
    yield _("Trimestres"), group_header, _group_rows(board.quarters)
    yield _("Divisions CPV"), group_header, _group_rows(board.divisions)
    yield _("Départements"), group_header, _group_rows(board.departments)
    winners = [[w.name, w.siret, w.contracts, w.amount] for w in board.winners]
    yield _("Titulaires ESS"), [_("Structure"), "SIRET", _("Marchés"), _amount()], winners


def csv_text(board: Dashboard, labels: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for title, header, rows in _sections(board, labels):
        writer.writerow([title])
        writer.writerow(header)
        for row in rows:
            writer.writerow([decimal(v) if isinstance(v, float) else v for v in row])
        writer.writerow([])
    return "\ufeff" + out.getvalue()


def xlsx_bytes(board: Dashboard, labels: dict[str, str]) -> bytes:
    book = Workbook(write_only=True)
    for title, header, rows in _sections(board, labels):
        sheet = book.create_sheet(title)
        sheet.append(list(header))
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
