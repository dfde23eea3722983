"""CPV codes: structure and check digit, the search behind the form, the official list.

The check digit was established from the published codes: a weighted sum of the eight
digits with weights 3, 7, 1 repeating, modulo 10 (it gives back 90911200-8, 45233142-6,
98392000-7...). The official vocabulary has at least one code that departs from it
(51000000-9), kept in `EXCEPTIONS`; a loaded official list is trusted over the rule.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from procure.tenders.cpv_list import CURATED
from procure.tenders.models import CpvCode

WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)
EXCEPTIONS = {"51000000": "9"}
# The 45 divisions of CPV 2008: a code under any other two digits does not exist.
DIVISIONS = frozenset(
    [
        "03",
        "09",
        "14",
        "15",
        "16",
        "18",
        "19",
        "22",
        "24",
        "30",
        "31",
        "32",
        "33",
        "34",
        "35",
        "37",
        "38",
        "39",
        "41",
        "42",
        "43",
        "44",
        "45",
        "48",
        "50",
        "51",
        "55",
        "60",
        "63",
        "64",
        "65",
        "66",
        "70",
        "71",
        "72",
        "73",
        "75",
        "76",
        "77",
        "79",
        "80",
        "85",
        "90",
        "92",
        "98",
    ]
)
_CODE_RE = re.compile(r"^(\d{8})(?:\s*-\s*(\d))?$")


class CpvError(ValueError):
    """A code that is not a CPV code, with the reason in French."""


@dataclass(frozen=True)
class CpvEntry:
    code: str
    label: str

    @property
    def full(self) -> str:
        return f"{self.code}-{check_digit(self.code)}"


def check_digit(code: str) -> str:
    if code in EXCEPTIONS:
        return EXCEPTIONS[code]
    return str(sum(int(d) * w for d, w in zip(code, WEIGHTS, strict=True)) % 10)


def parse_cpv(raw: object, official: set[str] | None = None) -> str:
    """The 8-digit code of `raw` ("90911200", "90911200-8"), or CpvError saying why not.

    `official`, when given (the loaded official list), must contain the code."""
    text = str(raw if raw is not None else "").strip()
    match = _CODE_RE.match(text)
    if not match:
        raise CpvError(
            _("« %(code)s » n'est pas un code CPV (8 chiffres, ex. 90911200-8)", code=text)
        )
    code, digit = match.groups()
    if code[:2] not in DIVISIONS:
        raise CpvError(
            _("« %(code)s » : la division CPV %(div)s n'existe pas", code=text, div=code[:2])
        )
    if digit is not None and digit != check_digit(code) and not (official and code in official):
        raise CpvError(
            _(
                "« %(code)s » : chiffre de contrôle incorrect (attendu %(good)s)",
                code=text,
                good=f"{code}-{check_digit(code)}",
            )
        )
    if official and code not in official:
        raise CpvError(_("« %(code)s » n'est pas dans la nomenclature CPV chargée", code=text))
    return code


def official_codes(session: Session) -> set[str] | None:
    """The loaded official codes, or None when no list was loaded."""
    codes = set(session.scalars(select(CpvCode.code)))
    return codes or None


def fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).strip()


def search(session: Session | None, query: str, limit: int = 15) -> list[CpvEntry]:
    """Codes whose digits start with `query`, or whose label holds every word of it
    (accents and case ignored); the loaded official list when there is one."""
    query = query.strip()
    if not query:
        return []
    labels = dict(CURATED)
    if session is not None and session.scalar(select(func.count()).select_from(CpvCode)):
        labels = {row.code: row.label for row in session.scalars(select(CpvCode))}
    digits = re.sub(r"[\s-]", "", query)
    if digits.isdigit():
        found = [c for c in labels if c.startswith(digits[:8])]
    else:
        words = [w.rstrip("sx") for w in fold(query).split() if len(w) > 1]
        found = [c for c, label in labels.items() if all(w in fold(label) for w in words)]
    found.sort(key=lambda c: (len(c.rstrip("0")), c))
    return [CpvEntry(c, labels[c]) for c in found[:limit]]


def label_of(code: str) -> str:
    return CURATED.get(code, "")


def load_official(session: Session, path: Path) -> int:
    """Replace the `cpv_codes` table with the rows `code,label` of a CSV file (SIMAP's list
    saved as CSV; a header row and codes with a check digit are accepted)."""
    rows: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for line in csv.reader(f):
            if len(line) < 2:
                continue
            match = _CODE_RE.match(line[0].strip())
            if match:
                rows[match.group(1)] = line[1].strip()[:400]
    if not rows:
        raise CpvError(f"{path}: aucune ligne « code,libellé » lisible")
    session.execute(delete(CpvCode))
    session.add_all(CpvCode(code=c, label=label) for c, label in rows.items())
    session.flush()
    return len(rows)
