"""The questions tenders ask the matcher, and who answers them.

procure.matching sits above tenders: it ranks suppliers for tenders and its pages show them,
so it imports tenders, and tenders may not import it back. Yet two tender pages need the
matcher's view: the clause advisor counts the local structures that do the need's trade, as
the matcher reads trades, so that its numbers agree with the shortlists; the supplier's
page of a tender says where the structure stands in the tender's shortlist. Tenders state
those questions here as a Protocol; the matcher answers them (procure.matching.questions)
and is plugged in when the matching feature is (`use_matcher`, from its init_app listed in
procure.features). The dependency goes one way, matching -> tenders, and the advisor asks a
question instead of reading the matcher's index arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from flask import Flask, current_app
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from procure.tenders.models import Tender

EXTENSION = "procure.matcher"


class ShortlistPlace(NamedTuple):
    """Where a structure stands in a tender's shortlist: its rank (1 = first) and the
    matcher's match (score and reasons, as the shortlist shows them), or (None, None)."""

    rank: int | None
    match: Any


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


def use_matcher(app: Flask, matcher: Matcher) -> None:
    app.extensions[EXTENSION] = matcher


def matcher() -> Matcher:
    return current_app.extensions[EXTENSION]
