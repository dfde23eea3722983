"""A supplier's "Marchés pour vous": open tenders ranked for its structure, narrowed by the
filters it chose (an area, a trade, a deadline), each with its own answer."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale
from sqlalchemy.orm import Session

from procure.matching.engine import tender_trades
from procure.matching.reasons import Reason
from procure.matching.service import tender_doc, tenders_for_supplier
from procure.matching.trades import TRADE_TABLE
from procure.suppliers.models import Supplier
from procure.tenders.answers import answers_of_supplier
from procure.tenders.models import Interest, Tender

# Ranked before filtering, so that a filter narrows a long list rather than the top 20.
RANKED = 200
SHOWN = 50


@dataclass(frozen=True)
class ForYouFilters:
    department: str = ""
    trade: str = ""
    before: date | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ForYouFilters:
        try:
            before = date.fromisoformat(args.get("before", "")) if args.get("before") else None
        except ValueError:
            before = None
        return cls(
            department=(args.get("department") or "").strip()[:3],
            trade=(args.get("trade") or "").strip()[:40],
            before=before,
        )

    @property
    def before_value(self) -> str:
        """The value of the date input, which HTML wants in ISO 8601."""
        return self.before.isoformat() if self.before else ""

    @property
    def active(self) -> bool:
        return bool(self.department or self.trade or self.before)


@dataclass(frozen=True)
class ForYouRow:
    tender: Tender
    score: float
    reasons: tuple[Reason, ...]
    trades: tuple[str, ...]
    answer: Interest | None


@dataclass(frozen=True)
class ForYou:
    rows: list[ForYouRow]
    departments: list[str]  # the codes found in the ranked tenders, for the filter
    trades: list[tuple[str, str]]  # (code, label in the reader's language)


def trade_name(code: str) -> str:
    trade = TRADE_TABLE.get(code)
    if trade is None:
        return code
    return trade.label_en if str(get_locale() or "fr") == "en" else trade.label_fr


def _sort_key(label: str) -> str:
    """French order: "Élagage" with the E's, not after "Z"."""
    folded = unicodedata.normalize("NFKD", label.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _trades_of(tender: Tender) -> tuple[str, ...]:
    if tender.trades_override:
        return tuple(tender.trades_override)
    return tuple(code for code, _label, _strength in tender_trades(tender_doc(tender)))


def _keeps(filters: ForYouFilters, tender: Tender, trades: tuple[str, ...]) -> bool:
    if filters.department and filters.department not in (tender.departments or []):
        return False
    if filters.trade and filters.trade not in trades:
        return False
    return not (filters.before and (tender.deadline is None or tender.deadline > filters.before))


def for_you(session: Session, supplier: Supplier, filters: ForYouFilters) -> ForYou:
    ranked = [
        (tender, score, reasons, _trades_of(tender))
        for tender, score, reasons in tenders_for_supplier(session, supplier, RANKED)
    ]
    departments = sorted({d for t, *_rest in ranked for d in t.departments or []})
    trade_codes = {code for *_rest, trades in ranked for code in trades}
    kept = [r for r in ranked if _keeps(filters, r[0], r[3])][:SHOWN]
    answers = answers_of_supplier(session, supplier.id, [r[0].id for r in kept])
    return ForYou(
        rows=[
            ForYouRow(t, s, reasons, trades, answers.get(t.id)) for t, s, reasons, trades in kept
        ],
        departments=departments,
        trades=sorted(
            ((c, trade_name(c)) for c in trade_codes), key=lambda pair: _sort_key(pair[1])
        ),
    )
