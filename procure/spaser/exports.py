"""Dashboard exports: CSV (';', UTF-8 with BOM, French headers, for Excel in France) and XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from procure.spaser.dashboard import Dashboard

INDICATOR_HEADER = (
    "Indicateur", "Marchés", "Part des marchés", "Montant HT (€)", "Part du montant",
    "Cible PNAD",
)  # fmt: skip
GROUP_HEADER = (
    "Groupe", "Marchés", "Montant HT (€)", "Marchés avec considération sociale",
    "Marchés avec considération environnementale",
)  # fmt: skip
WINNER_HEADER = ("Structure", "SIRET", "Marchés", "Montant HT (€)")


def _indicator_rows(board: Dashboard, labels: dict[str, str]) -> list[list]:
    rows = [["Total", board.figures["contracts"], 1, board.figures["amount"], 1, ""]]
    for i in board.indicators:
        rows.append(
            [labels[i.code], i.contracts, round(i.contract_share, 4), i.amount,
             round(i.amount_share, 4), "" if i.target is None else i.target]
        )  # fmt: skip
    hours = board.figures["insertion_hours"]
    rows.append(["Heures d'insertion engagées", hours["committed"], "", "", "", ""])
    rows.append(["Heures d'insertion réalisées", hours["realised"], "", "", "", ""])
    return rows


def _group_rows(groups) -> list[list]:
    return [
        [name, g["all"]["contracts"], g["all"]["amount"], g["social"]["contracts"],
         g["environmental"]["contracts"]]
        for name, g in groups
    ]  # fmt: skip


def _sections(board: Dashboard, labels: dict[str, str]):
    yield "Indicateurs", INDICATOR_HEADER, _indicator_rows(board, labels)
    yield "Trimestres", GROUP_HEADER, _group_rows(board.quarters)
    yield "Divisions CPV", GROUP_HEADER, _group_rows(board.divisions)
    yield "Départements", GROUP_HEADER, _group_rows(board.departments)
    winners = [[w.name, w.siret, w.contracts, w.amount] for w in board.winners]
    yield "Titulaires ESS", WINNER_HEADER, winners


def csv_text(board: Dashboard, labels: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for title, header, rows in _sections(board, labels):
        writer.writerow([title])
        writer.writerow(header)
        for row in rows:
            writer.writerow([str(v).replace(".", ",") if isinstance(v, float) else v for v in row])
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
