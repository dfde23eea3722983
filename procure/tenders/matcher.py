"""The questions tenders ask the matcher, and who answers them.

procure.matching sits above tenders: it ranks suppliers for tenders and its pages show them,
so it imports tenders, and tenders may not import it back. Yet tender pages need the
matcher's view: the clause advisor counts the local structures that do the need's trade, as
the matcher reads trades, so that its numbers agree with the shortlists; the supplier's
page of a tender says where the structure stands in the tender's shortlist; the buyer's
page shows the trades the matcher reads in the need (computed by the view, not by the
template) and its history names the trades a buyer chose. Tenders state those questions
here as a Protocol; the matcher answers them (procure.matching.questions) and is plugged in
when the matching feature is (`use_matcher`, from its init_app listed in procure.features).
The dependency goes one way, matching -> tenders, and the advisor asks a question instead
of reading the matcher's index arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from flask import Flask, current_app
from sqlalchemy.orm import Session

from procure.tenders.models import Tender

EXTENSION = "procure.matcher"


class ShortlistPlace(NamedTuple):
    """Where a structure stands in a tender's shortlist: its rank (1 = first) and the
    matcher's match (score and reasons, as the shortlist shows them), or (None, None)."""

    rank: int | None
    match: Any


class TradesPanel(NamedTuple):
    """The trades the matcher read in a tender, as (code, label, strength, the tender's words
    it read it in), and the form that corrects them, for the tender's page."""

    detected: list[tuple[str, str, float, str]]
    form: Any


class Matcher(Protocol):
    def need_trades(self, need_text: str, cpv_codes: Sequence[str]) -> dict[str, float]:
        """Trade code -> strength (0-1) of the trades the matcher reads in a need."""
        ...

    def offers(
        self, session: Session, supplier_ids: Sequence[int], trades: Sequence[str], strength: float
    ) -> dict[int, bool]:
        """Supplier id -> whether it offers one of `trades` at `strength` or more, for the
        suppliers whose trades the matcher knows (the others are left out)."""
        ...

    def place(
        self, session: Session, tender: Tender, supplier_id: int, depth: int
    ) -> ShortlistPlace:
        """The structure's place among the first `depth` of the tender's shortlist."""
        ...

    def trades_panel(self, tender: Tender) -> TradesPanel:
        """The detected trades of the tender and their correction form (reader's language)."""
        ...

    def trade_names(self, codes: Sequence[str]) -> list[str]:
        """The names of trades, in the reader's language (the tender's history shows them)."""
        ...


def use_matcher(app: Flask, matcher: Matcher) -> None:
    app.extensions[EXTENSION] = matcher


def matcher() -> Matcher:
    return current_app.extensions[EXTENSION]
