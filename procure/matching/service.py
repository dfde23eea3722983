"""The matcher as the rest of procure sees it: ORM rows in, ranked explained matches out.

`shortlist(session, tender, limit)` is what the web page, the API, the CLI and the digests
call. The index over verified suppliers is built once per process and kept current by the
registry version (the newest `updated_at` and the count of verified suppliers): a change to
the registry is picked up at the next call, incrementally when few suppliers changed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.matching.engine import MatchIndex, rank
from procure.matching.types import Clause as ClauseDoc
from procure.matching.types import Lot as LotDoc
from procure.matching.types import Match, SupplierDoc, TenderDoc
from procure.suppliers.models import Supplier, SupplierStatus
from procure.tenders.models import Tender


def supplier_doc(supplier: Supplier) -> SupplierDoc:
    return SupplierDoc(
        id=supplier.id,
        siret=supplier.siret,
        name=supplier.name,
        legal_form=supplier.legal_form,
        inclusion_kinds=frozenset(supplier.inclusion_kinds),
        esus=supplier.esus,
        description=supplier.description,
        cpv_codes=tuple(supplier.cpv_codes or ()),
        departments=tuple(supplier.departments),
    )


def _clause_doc(clause) -> ClauseDoc:
    return ClauseDoc(
        type=str(clause.type), hours=clause.hours, weight=clause.weight, text=clause.text
    )


def tender_doc(tender: Tender) -> TenderDoc:
    return TenderDoc(
        reference=tender.reference,
        title=tender.title,
        description=tender.description,
        cpv_codes=tuple(tender.cpv_codes or ()),
        departments=tuple(tender.departments or ()),
        clauses=tuple(_clause_doc(c) for c in tender.own_clauses),
        lots=tuple(
            LotDoc(
                title=lot.title,
                description=lot.description,
                clauses=tuple(_clause_doc(c) for c in tender.lot_clauses(lot)),
            )
            for lot in tender.lots
        ),
        trades_override=tuple(tender.trades_override) if tender.trades_override else None,
    )


@dataclass
class _Cached:
    key: tuple[str, int, datetime | None]
    index: MatchIndex
    seen: datetime | None


_lock = threading.Lock()
_cache: dict[str, _Cached] = {}


def _verified(session: Session):
    return select(Supplier).where(Supplier.status == SupplierStatus.VERIFIED)


def registry_index(session: Session) -> MatchIndex:
    """The index of verified suppliers for this database, rebuilt or patched on change."""
    bind = session.get_bind()
    url = bind.url.render_as_string(hide_password=True)
    count = session.scalar(
        select(func.count(Supplier.id)).where(Supplier.status == SupplierStatus.VERIFIED)
    )
    # Any status change also bumps updated_at, so (count, newest) moves on every change
    # that matters; removals of verified suppliers lower the count.
    all_newest = session.scalar(select(func.max(Supplier.updated_at)))
    key = (url, int(count), all_newest)
    with _lock:
        cached = _cache.get(url)
        if cached is not None and cached.key == key:
            return cached.index
        if cached is not None and cached.seen is not None:
            changed = session.scalars(
                select(Supplier).where(Supplier.updated_at > cached.seen)
            ).all()
            if len(changed) < 1000:
                for supplier in changed:
                    if supplier.status == SupplierStatus.VERIFIED:
                        cached.index.upsert(supplier_doc(supplier))
                    else:
                        cached.index.remove(supplier.id)
                if len(cached.index) == count:
                    cached.key, cached.seen = key, all_newest
                    return cached.index
        index = MatchIndex.build(supplier_doc(s) for s in session.scalars(_verified(session)))
        _cache[url] = _Cached(key=key, index=index, seen=all_newest)
        return index


def forget_index() -> None:
    """Drop cached indexes (tests, or after a bulk change made outside the ORM)."""
    with _lock:
        _cache.clear()


def shortlist(session: Session, tender: Tender, limit: int = 20) -> list[Match]:
    """Ranked, explained matches for a tender: eligible, verified suppliers only."""
    return shortlist_for_doc(registry_index(session), tender_doc(tender), limit)


def shortlist_for_doc(index: MatchIndex, doc: TenderDoc, limit: int = 20) -> list[Match]:
    """Same, for callers ranking many tenders against one index (CLI, digests)."""
    return rank(index, doc, limit=limit)


def tenders_for_supplier(
    session: Session, supplier: Supplier, limit: int = 20
) -> list[tuple[Tender, float, tuple[str, ...]]]:
    """Open tenders ranked for one verified supplier, by the shortlists' scorer."""
    from procure.matching.engine import rank_tenders_for_supplier
    from procure.tenders.models import TenderStatus

    if supplier.status != SupplierStatus.VERIFIED:
        return []
    tenders = {
        t.reference: t
        for t in session.scalars(select(Tender).where(Tender.status == TenderStatus.OPEN))
    }
    ranked = rank_tenders_for_supplier(
        supplier_doc(supplier), [tender_doc(t) for t in tenders.values()], limit
    )
    return [(tenders[doc.reference], score, reasons) for doc, score, reasons in ranked]
