"""The matcher's answers to the questions tenders ask it (procure.tenders.matcher): tenders
cannot import the matcher, which imports tenders, so the matching feature plugs this in at
start-up."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from procure.matching.engine import tender_trades
from procure.matching.index import TRADE_COL
from procure.matching.reasons import current_language
from procure.matching.service import reading, registry_index, shortlist
from procure.matching.templating import detected_trades, trades_form
from procure.matching.trades import trade_label
from procure.matching.types import TenderDoc
from procure.tenders.matcher import ShortlistPlace, TradesPanel
from procure.tenders.models import Tender


class MatcherQuestions:
    """procure.tenders.matcher.Matcher, answered from the registry's match index."""

    def need_trades(self, need_text: str, cpv_codes: Sequence[str]) -> dict[str, float]:
        doc = TenderDoc("", "", need_text, tuple(cpv_codes), ())
        return {code: strength for code, _, strength in tender_trades(doc)}

    def offers(
        self, session: Session, supplier_ids: Sequence[int], trades: Sequence[str], strength: float
    ) -> dict[int, bool]:
        index = registry_index(session)
        cols = [TRADE_COL[c] for c in trades if c in TRADE_COL]
        known = {}
        with reading():  # the follower thread may be changing the index
            for supplier_id in supplier_ids:
                row = index.row_of.get(supplier_id)
                if row is not None and index.has_trade[row]:
                    top = float(index.trade[row, cols].max()) if cols else 0.0
                    known[supplier_id] = bool(cols) and top >= strength
        return known

    def place(
        self, session: Session, tender: Tender, supplier_id: int, depth: int
    ) -> ShortlistPlace:
        matches = shortlist(session, tender, limit=depth)
        return next(
            (
                ShortlistPlace(n, m)
                for n, m in enumerate(matches, 1)
                if m.supplier_id == supplier_id
            ),
            ShortlistPlace(None, None),
        )

    def trades_panel(self, tender: Tender) -> TradesPanel:
        return TradesPanel(detected_trades(tender), trades_form(tender))

    def trade_names(self, codes: Sequence[str]) -> list[str]:
        lang = current_language()
        return [trade_label(code, lang) for code in codes]
