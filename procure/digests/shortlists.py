"""Each tender's shortlist, computed once per run and shared by every buyer of its
organisation and every supplier it might be announced to.

Ranking is the expensive part of a digest run (tens of milliseconds per tender over a
100,000-supplier registry), so it is done once per tender, never per buyer, against one
registry index fetched once per run. With `workers > 1` the tenders are ranked by forked
processes that share the index copy-on-write (POSIX only).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from procure.matching.engine import MatchIndex
from procure.matching.service import registry_index, shortlist_for_doc, tender_doc
from procure.matching.types import Match, TenderDoc
from procure.tenders.models import Tender
from procure.tenders.supplier_page import SHORTLIST_DEPTH

# How many suppliers a shortlist keeps: the digest shows the first few (DIGEST), alerts go
# to suppliers anywhere in a longer one (POOL, as deep as the supplier's tender page looks
# for the structure, so that it explains every alert), above a score. Explaining a match costs more
# than finding it, so digests ask only for what they show.
DIGEST = 5
POOL = SHORTLIST_DEPTH

# Tenders sent to a ranking worker at a time, and chunks a worker ranks before it is replaced.
CHUNK = 64
WORKER_TASKS = 8

_fork_index: MatchIndex | None = None


def _rank_one(job: tuple[TenderDoc, int]) -> list[Match]:
    assert _fork_index is not None
    doc, limit = job
    return shortlist_for_doc(_fork_index, doc, limit)


class ShortlistCache:
    def __init__(self, session: Session, workers: int = 1) -> None:
        self.session = session
        self.workers = workers
        self._index: MatchIndex | None = None
        # tender id -> (limit asked, matches): a longer list serves a shorter request.
        self._by_tender: dict[int, tuple[int, list[Match]]] = {}

    @property
    def index(self) -> MatchIndex:
        if self._index is None:
            self._index = registry_index(self.session)
        return self._index

    def _cached(self, tender_id: int, limit: int) -> list[Match] | None:
        found = self._by_tender.get(tender_id)
        if found is None or found[0] < limit:
            return None
        return found[1][:limit]

    def ranked(self, tender_id: int, limit: int = DIGEST) -> list[Match]:
        """What was ranked for the tender, first `limit` (empty when it was never ranked)."""
        return self._cached(tender_id, limit) or []

    def get(self, tender: Tender, limit: int = DIGEST) -> list[Match]:
        found = self._cached(tender.id, limit)
        if found is None:
            found = shortlist_for_doc(self.index, tender_doc(tender), limit)
            self._by_tender[tender.id] = (limit, found)
        return found

    def prefetch(self, tenders: Iterable[Tender], limit: int = DIGEST) -> None:
        """Rank every tender not yet cached, in parallel when workers > 1."""
        todo: Sequence[Tender] = [t for t in tenders if self._cached(t.id, limit) is None]
        if not todo:
            return
        if self.workers <= 1 or len(todo) < 50 or os.name != "posix":
            for tender in todo:
                self.get(tender, limit)
            return
        global _fork_index
        _fork_index = self.index
        jobs = [(tender_doc(t), limit) for t in todo]
        ctx = multiprocessing.get_context("fork")
        # Frozen objects are never traversed by the workers' garbage collector, which would
        # otherwise write to every object's header and copy the shared index page by page.
        gc.collect()
        gc.freeze()
        try:
            # Reading the index still dirties pages (reference counts), so a worker slowly
            # copies what it touches; replacing it every WORKER_TASKS chunks by a fresh fork
            # keeps the copies bounded.
            with ctx.Pool(self.workers, maxtasksperchild=WORKER_TASKS) as pool:
                results = pool.map(_rank_one, jobs, chunksize=CHUNK)
        finally:
            _fork_index = None
            gc.unfreeze()
        for tender, matches in zip(todo, results, strict=True):
            self._by_tender[tender.id] = (limit, matches)
