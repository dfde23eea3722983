"""CSV import of insertion hours done: `siret_acheteur;id_marche;annee;heures` (',' or ';',
UTF-8 with or without BOM). Every row is checked; good rows are recorded, bad ones reported
with their line number and reason."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from procure.accounts.models import User
from procure.spaser.awards import AwardInvalid, contract_by_key, record_hours

HEADER = ("siret_acheteur", "id_marche", "annee", "heures")


@dataclass
class HoursReport:
    recorded: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"recorded={self.recorded} rejected={len(self.rejected)}"


class BadHoursFile(ValueError):
    pass


def import_hours(session: Session, text: str, user: User | None) -> HoursReport:
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    names = [n.strip().lower() for n in reader.fieldnames or []]
    if any(h not in names for h in HEADER):
        raise BadHoursFile(_("en-tête attendu : %(header)s", header=";".join(HEADER)))
    reader.fieldnames = names
    report = HoursReport()
    for row in reader:
        line = reader.line_num
        buyer, cid = (row.get("siret_acheteur") or "").strip(), (row.get("id_marche") or "").strip()
        contract = contract_by_key(session, buyer, cid)
        if contract is None:
            report.rejected.append((line, _("marché inconnu : %(key)s", key=f"{buyer} {cid}")))
            continue
        try:
            year = int((row.get("annee") or "").strip())
            hours = float((row.get("heures") or "").strip().replace(",", "."))
            record_hours(session, contract, year, hours, user)
        except ValueError as exc:
            reason = (
                "; ".join(exc.errors.values())
                if isinstance(exc, AwardInvalid)
                else _("année ou heures illisibles")
            )
            report.rejected.append((line, reason))
            continue
        report.recorded += 1
    return report
