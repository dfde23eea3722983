"""Each tender's shortlist, computed once per run and shared by every buyer of its
organisation and every supplier it might be announced to.

Ranking is the expensive part of a digest run (tens of milliseconds per tender over a
100,000-supplier registry), so it is done once per tender, never per buyer, against one
registry index fetched once per run. With `workers > 1` the tenders are ranked by forked
processes that share the index copy-on-write (POSIX only).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from procure.matching.engine import MatchIndex, rank
from procure.matching.service import registry_index, tender_doc
from procure.matching.types import Match, TenderDoc
from procure.tenders.models import Tender

# How many suppliers each shortlist keeps: the digest shows the first few, alerts go to
# suppliers anywhere in it (above a score).
POOL = 30

_fork_index: MatchIndex | None = None


def _rank_one(doc: TenderDoc) -> list[Match]:
    assert _fork_index is not None
    return rank(_fork_index, doc, limit=POOL)


class ShortlistCache:
    def __init__(self, session: Session, workers: int = 1) -> None:
        self.session = session
        self.workers = workers
        self._index: MatchIndex | None = None
        self._by_tender: dict[int, list[Match]] = {}

    @property
    def index(self) -> MatchIndex:
        if self._index is None:
            self._index = registry_index(self.session)
        return self._index

    def get(self, tender: Tender) -> list[Match]:
        found = self._by_tender.get(tender.id)
        if found is None:
            found = rank(self.index, tender_doc(tender), limit=POOL)
            self._by_tender[tender.id] = found
        return found

    def prefetch(self, tenders: Iterable[Tender]) -> None:
        """Rank every tender not yet cached, in parallel when workers > 1."""
        todo: Sequence[Tender] = [t for t in tenders if t.id not in self._by_tender]
        if not todo:
            return
        if self.workers <= 1 or len(todo) < 50 or os.name != "posix":
            for tender in todo:
                self.get(tender)
            return
        global _fork_index
        _fork_index = self.index
        docs = [tender_doc(t) for t in todo]
        ctx = multiprocessing.get_context("fork")
        try:
            with ctx.Pool(self.workers) as pool:
                results = pool.map(_rank_one, docs, chunksize=64)
        finally:
            _fork_index = None
        for tender, matches in zip(todo, results, strict=True):
            self._by_tender[tender.id] = matches
