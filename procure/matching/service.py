"""The matcher as the rest of procure sees it: ORM rows in, ranked explained matches out.

`shortlist(session, tender, limit)` is what the web page, the API, the CLI and the digests
call. The index over verified suppliers is built once per process and kept current by the
registry version (the newest `updated_at` and the count of verified suppliers): a change to
the registry is picked up at the next call, incrementally when few suppliers changed.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.matching.engine import (
    LotShortlist,
    MatchIndex,
    rank,
    rank_tenders_for_supplier,
    rank_with_lots,
)
from procure.matching.reasons import Reason
from procure.matching.types import Clause as ClauseDoc
from procure.matching.types import Lot as LotDoc
from procure.matching.types import Match, SupplierDoc, TenderDoc
from procure.suppliers.models import Supplier, SupplierArea, SupplierKind, SupplierStatus
from procure.tenders.models import Tender, TenderStatus
from procure.timeutil import aware

log = logging.getLogger(__name__)


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
    key: tuple[str, int, str]
    index: MatchIndex
    seen: datetime | None


_lock = threading.Lock()
_cache: dict[str, _Cached] = {}
# Few changed suppliers are patched into the cached index; more than this rebuilds it.
PATCH_LIMIT = 1000


def verified_docs(session: Session) -> Iterator[SupplierDoc]:
    """Every verified supplier as a SupplierDoc, read as plain rows: loading 100,000 ORM
    objects with their kinds and areas took about 900 MB; plain rows take a fraction."""
    verified = Supplier.status == SupplierStatus.VERIFIED
    kinds: dict[int, list[str]] = defaultdict(list)
    for supplier_id, kind in session.execute(
        select(SupplierKind.supplier_id, SupplierKind.kind)
        .join(Supplier, Supplier.id == SupplierKind.supplier_id)
        .where(verified)
    ):
        kinds[supplier_id].append(kind)
    areas: dict[int, list[str]] = defaultdict(list)
    for supplier_id, department in session.execute(
        select(SupplierArea.supplier_id, SupplierArea.department)
        .join(Supplier, Supplier.id == SupplierArea.supplier_id)
        .where(verified)
        .order_by(SupplierArea.supplier_id, SupplierArea.department)
    ):
        areas[supplier_id].append(department)
    rows = session.execute(
        select(
            Supplier.id,
            Supplier.siret,
            Supplier.name,
            Supplier.legal_form,
            Supplier.esus,
            Supplier.description,
            Supplier.cpv_codes,
        )
        .where(verified)
        .order_by(Supplier.id)
        .execution_options(yield_per=2000)
    )
    for sid, siret, name, legal_form, esus, description, cpv_codes in rows:
        yield SupplierDoc(
            id=sid,
            siret=siret,
            name=name,
            legal_form=legal_form,
            inclusion_kinds=frozenset(kinds.pop(sid, ())),
            esus=bool(esus),
            description=description,
            cpv_codes=tuple(cpv_codes or ()),
            departments=tuple(areas.pop(sid, ())),
        )


def _registry_key(session: Session, url: str) -> tuple[tuple[str, int, str], datetime | None]:
    """(url, verified count, newest change): moves on every change that matters, since any
    change of a supplier, its status included, bumps `updated_at`."""
    # one round trip; count(*) reads the status index alone (count(id) also read the table)
    verified = select(func.count()).where(Supplier.status == SupplierStatus.VERIFIED)
    row = session.execute(
        select(verified.scalar_subquery(), select(func.max(Supplier.updated_at)).scalar_subquery())
    ).one()
    count, newest = row[0], aware(row[1])
    return (url, int(count or 0), newest.isoformat() if newest else ""), newest


def _index_file() -> Path | None:
    """Where built indexes are shared between processes (web workers, scheduler, CLI)."""
    if not has_app_context():
        return None
    configured = current_app.config.get("MATCH_INDEX_PATH")
    if configured == "":
        return None
    return Path(configured or Path(current_app.instance_path) / "match-index.pkl")


def _load_shared(path: Path | None, key: tuple[str, int, str]) -> MatchIndex | None:
    if path is None or not path.is_file():
        return None
    try:
        stored_key = json.loads(path.with_suffix(".key").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(stored_key) != key:
        return None
    try:
        return MatchIndex.load(path)
    except (OSError, ValueError, EOFError):
        return None


def _save_shared(path: Path | None, key: tuple[str, int, str], index: MatchIndex) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        index.save(path)
        tmp = path.with_suffix(".key.tmp")
        tmp.write_text(json.dumps(list(key)), "utf-8")
        tmp.replace(path.with_suffix(".key"))
    except OSError as exc:  # a read-only disk costs speed, never a shortlist
        log.warning("could not share the match index at %s: %s", path, exc)


def registry_index(session: Session) -> MatchIndex:
    """The index of verified suppliers, built once and shared.

    In this process it is cached and patched with the suppliers changed since; across
    processes it is shared through a file under instance/ (web workers, the scheduler and the
    CLI load it instead of rebuilding), and gunicorn builds it in the master before forking
    (config/gunicorn.conf.py) so workers start with it in copy-on-write memory.
    """
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    key, newest = _registry_key(session, url)
    with _lock:
        cached = _cache.get(url)
        if cached is not None and cached.key == key:
            return cached.index
        if cached is not None and cached.seen is not None:
            changed = session.scalars(
                select(Supplier).where(Supplier.updated_at > cached.seen).limit(PATCH_LIMIT + 1)
            ).all()
            if len(changed) <= PATCH_LIMIT:
                for supplier in changed:
                    if supplier.status == SupplierStatus.VERIFIED:
                        cached.index.upsert(supplier_doc(supplier))
                    else:
                        cached.index.remove(supplier.id)
                if len(cached.index) == key[1]:
                    cached.key, cached.seen = key, newest
                    return cached.index
        path = _index_file()
        index = _load_shared(path, key)
        if index is None:
            index = MatchIndex.build(verified_docs(session))
            _save_shared(path, key, index)
        _cache[url] = _Cached(key=key, index=index, seen=newest)
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


def shortlists_with_lots(
    index: MatchIndex, doc: TenderDoc, limit: int = 20
) -> tuple[list[Match], list[LotShortlist]]:
    """The tender's shortlist and each lot's own shortlist (none for a tender without lots)."""
    return rank_with_lots(index, doc, limit)


def lot_shortlists(session: Session, tender: Tender, limit: int = 20) -> list[LotShortlist]:
    """Each lot's own shortlist, for the shortlist page."""
    return rank_with_lots(registry_index(session), tender_doc(tender), limit)[1]


def tenders_for_supplier(
    session: Session, supplier: Supplier, limit: int = 20
) -> list[tuple[Tender, float, tuple[Reason, ...]]]:
    """Open tenders ranked for one verified supplier, by the shortlists' scorer."""
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
