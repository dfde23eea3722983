"""The matcher as the rest of procure sees it: ORM rows in, ranked explained matches out.

`shortlist(session, tender, limit)` is what the web page, the API, the CLI and the digests
call. The index over verified suppliers is built once per process and kept current by the
registry version (the newest `updated_at` and the count of verified suppliers): a change to
the registry is picked up at the next call, incrementally (see registry_index). Most calls
only look the newest `updated_at` up (an index lookup); the count, proportional to the
registry, runs when it moved or every RECHECK_SECONDS.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy import ColumnElement, and_, func, or_, select
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
from procure.timeutil import aware, utcnow

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


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass
class _Cached:
    """One process's index and how far it has followed the registry.

    `mark` is the (updated_at, id) of the last change applied, in that order: every change up
    to it is in the index. `key` is the registry key the index is known to match (None while
    it catches up). `missing`: verified suppliers a reconciliation found absent.
    """

    index: MatchIndex
    key: tuple[str, int, str] | None
    mark: tuple[datetime, int]
    removals_seen: datetime
    missing: set[int] = field(default_factory=set)
    since_freeze: int = 0
    adopting: bool = False  # a published index is being loaded to replace this one
    checked: float = 0.0  # time.monotonic() of the last full check (count and newest change)
    looked: datetime = _EPOCH  # utcnow() at the start of the last quick check


_lock = threading.Lock()
_cache: dict[str, _Cached] = {}
# Following the registry costs one call at most about this much (or one chunk); the next call
# goes on from the mark. A bulk import is thus followed over many shortlists instead of
# rebuilt inside one (24.8 s after a 2,000-row batch at 20,000 suppliers; a rebuild costs
# 1-3 ms per supplier), until its process publishes a rebuilt index (publish_index).
PATCH_SECONDS = 0.05
PATCH_CHUNK = 20  # rows read at once; indexing one costs 1-3 ms
# Kept for callers of the former API: the most suppliers one chunk of patch work reads.
PATCH_LIMIT = PATCH_CHUNK
# Status changes away from verified are applied at once, whatever the backlog (ids only, a
# removal costs about a microsecond), re-read over this overlap so that a transaction
# committing after a newer change was seen is still caught.
REMOVAL_OVERLAP = timedelta(seconds=60)
# Upserted suppliers sit in the index's delta postings, which every query concatenates: they
# are merged into the compact arrays past this many (about 0.1 s at 200,000 suppliers).
FREEZE_AFTER = 20_000
_AFTER_EVERY_ID = 2**31 - 1  # the largest id an INTEGER column holds
# A call whose registry has not changed since the last check (same newest `updated_at`, no
# supplier left verified meanwhile) trusts the index without counting the verified suppliers
# (7.6 ms at 100,000, proportional to the registry): the count is checked again at the next
# change, or after this many seconds (a supplier deleted, or a late commit of an approval).
RECHECK_SECONDS = 5.0
VERIFIED = SupplierStatus.VERIFIED


def _docs(session: Session, where: ColumnElement[bool]) -> Iterator[SupplierDoc]:
    """The suppliers matching `where` as SupplierDocs, read as plain rows: loading 100,000
    ORM objects with their kinds and areas took about 900 MB; plain rows take a fraction."""
    kinds: dict[int, list[str]] = defaultdict(list)
    for supplier_id, kind in session.execute(
        select(SupplierKind.supplier_id, SupplierKind.kind)
        .join(Supplier, Supplier.id == SupplierKind.supplier_id)
        .where(where)
    ):
        kinds[supplier_id].append(kind)
    areas: dict[int, list[str]] = defaultdict(list)
    for supplier_id, department in session.execute(
        select(SupplierArea.supplier_id, SupplierArea.department)
        .join(Supplier, Supplier.id == SupplierArea.supplier_id)
        .where(where)
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
        .where(where)
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


def verified_docs(session: Session) -> Iterator[SupplierDoc]:
    """Every verified supplier as a SupplierDoc."""
    return _docs(session, Supplier.status == SupplierStatus.VERIFIED)


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
    """The index of verified suppliers, built once and shared, never showing a supplier that
    is not verified at the time of the call.

    Built only when this process has none: loaded from the file shared under instance/ (web
    workers, the scheduler and the CLI), or built and written there; gunicorn builds it in
    the master before forking (config/gunicorn.conf.py) so workers start with it in
    copy-on-write memory. Then it follows the registry: every supplier that stopped being
    verified is removed at once, and the other changes are applied in (updated_at, id)
    order for at most PATCH_SECONDS per call, the next call going on where this one stopped.
    So during a bulk import the index may lag on new and changed suppliers for a while, but
    no call pays a rebuild and no supplier rejected a second ago is ever shortlisted. While
    the newest `updated_at` stays the same, a call neither counts nor follows (_unchanged):
    it only removes the suppliers that left verified in the overlap window, and the count
    runs again after RECHECK_SECONDS (a deleted supplier, or an approval committed after a
    newer change, may thus wait that long).
    """
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    with _lock:
        cached = _cache.get(url)
    if cached is not None and _unchanged(session, cached):
        return cached.index
    key, newest = _registry_key(session, url)
    with _lock:
        cached = _cache.get(url)
        if cached is None:
            path = _index_file()
            index = _load_shared(path, key)
            if index is None:
                index = MatchIndex.build(verified_docs(session))
                _save_shared(path, key, index)
            seen = newest or _EPOCH
            _cache[url] = _Cached(
                index, key, (seen, _AFTER_EVERY_ID), seen, checked=time.monotonic()
            )
            return index
        if cached.key != key:
            path = _index_file()
            if not cached.adopting and _shared_key(path) == key:
                # published after a bulk change: loaded beside the requests (a few seconds
                # at 225,000 suppliers), then swapped in; followed meanwhile
                cached.adopting = True
                _adopt(url, cached, path, key, newest)
            _follow(session, cached, key, newest)
        if cached.key == key:
            cached.checked = time.monotonic()
        return cached.index


def _unchanged(session: Session, cached: _Cached) -> bool:
    """The cheap check of most calls: True when the index is known to match the registry
    and nothing changed since (two index lookups on `updated_at`), having removed any
    supplier that stopped being verified meanwhile, such as a rejection committed after a
    newer change was seen. False when the full check must run: a newer change, an index
    still catching up, or RECHECK_SECONDS since the last count."""
    key = cached.key
    if key is None or time.monotonic() - cached.checked >= RECHECK_SECONDS:
        return False
    started = utcnow()
    newest = aware(session.scalar(select(func.max(Supplier.updated_at))))
    if (newest.isoformat() if newest else "") != key[2]:
        return False
    # what became visible since the last look was written at most REMOVAL_OVERLAP before
    since = max(cached.removals_seen, cached.looked) - REMOVAL_OVERLAP
    gone = session.scalars(
        select(Supplier.id).where(Supplier.updated_at > since, Supplier.status != VERIFIED)
    ).all()
    with _lock:
        for supplier_id in gone:
            cached.index.remove(supplier_id)
        cached.looked = max(cached.looked, started)
    return True


def _shared_key(path: Path | None) -> tuple | None:
    if path is None:
        return None
    try:
        return tuple(json.loads(path.with_suffix(".key").read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _adopt(
    url: str, cached: _Cached, path: Path | None, key: tuple[str, int, str], newest: datetime | None
) -> None:
    """Load the shared index in a thread and put it in place of `cached` (the loading reads
    nothing the requests use; the swap is made under the lock)."""

    def load() -> None:
        shared = _load_shared(path, key)
        with _lock:
            if shared is not None and _cache.get(url) is cached:
                seen = newest or _EPOCH
                _cache[url] = _Cached(shared, key, (seen, _AFTER_EVERY_ID), seen)
            else:
                cached.adopting = False

    threading.Thread(target=load, name="match-index-adopt", daemon=True).start()


def publish_index(session: Session) -> int:
    """Build the index from scratch and share it under instance/ (see registry_index): run
    in the background after a bulk import, so that web workers load it at their next call
    instead of following the whole change a few rows per call. Returns its size."""
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    key, newest = _registry_key(session, url)
    index = MatchIndex.build(verified_docs(session))
    _save_shared(_index_file(), key, index)
    seen = newest or _EPOCH
    with _lock:
        _cache[url] = _Cached(index, key, (seen, _AFTER_EVERY_ID), seen)
    return len(index)


def _changed_after(mark: tuple[datetime, int]) -> ColumnElement[bool]:
    at, last_id = mark
    return or_(Supplier.updated_at > at, and_(Supplier.updated_at == at, Supplier.id > last_id))


def _follow(
    session: Session, cached: _Cached, key: tuple[str, int, str], newest: datetime | None
) -> None:
    """Bring the cached index towards the registry within PATCH_SECONDS (see registry_index)."""
    index = cached.index
    deadline = time.monotonic() + PATCH_SECONDS
    gone = session.scalars(
        select(Supplier.id).where(
            Supplier.updated_at > cached.removals_seen - REMOVAL_OVERLAP,
            Supplier.status != SupplierStatus.VERIFIED,
        )
    )
    for supplier_id in gone:
        index.remove(supplier_id)
    if newest is not None:
        cached.removals_seen = max(cached.removals_seen, newest)
    caught_up, done = False, 0
    while not caught_up:
        rows = session.execute(
            select(Supplier.id, Supplier.updated_at, Supplier.status)
            .where(_changed_after(cached.mark))
            .order_by(Supplier.updated_at, Supplier.id)
            .limit(PATCH_CHUNK)
        ).all()
        docs = _current_docs(session, [sid for sid, _at, status in rows if status == VERIFIED])
        for supplier_id, at, _status in rows:
            doc = docs.get(supplier_id)
            if doc is None:  # no longer verified
                index.remove(supplier_id)
            else:
                index.upsert(doc)
                cached.since_freeze += 1
            cached.mark = (aware(at), supplier_id)
            done += 1
            # a chunk at least, so that every call makes progress, then within the budget
            if done >= PATCH_CHUNK and time.monotonic() >= deadline:
                break
        else:
            caught_up = len(rows) < PATCH_CHUNK
            continue
        break
    if caught_up and not cached.missing:
        _reconcile(session, cached)
    if cached.missing:  # one chunk per call
        batch = sorted(cached.missing)[:PATCH_CHUNK]
        cached.missing.difference_update(batch)
        for doc in _current_docs(session, batch).values():
            index.upsert(doc)
    if cached.since_freeze >= (FREEZE_AFTER // 10 if caught_up else FREEZE_AFTER):
        index.freeze()
        cached.since_freeze = 0
    complete = caught_up and not cached.missing and len(index) == key[1]
    cached.key = key if complete else None


def _current_docs(session: Session, ids: list[int]) -> dict[int, SupplierDoc]:
    """These suppliers as they are now, those still verified only."""
    if not ids:
        return {}
    where = and_(Supplier.id.in_(ids), Supplier.status == VERIFIED)
    return {doc.id: doc for doc in _docs(session, where)}


def _reconcile(session: Session, cached: _Cached) -> None:
    """When caught up but the count differs (a change committed with an `updated_at` older
    than one already applied, or a deleted supplier): compare the ids and queue the fix."""
    count = session.scalar(
        select(func.count(Supplier.id)).where(Supplier.status == SupplierStatus.VERIFIED)
    )
    if len(cached.index) == count:
        return
    verified = set(
        session.scalars(select(Supplier.id).where(Supplier.status == SupplierStatus.VERIFIED))
    )
    indexed = set(cached.index.row_of)
    for supplier_id in indexed - verified:
        cached.index.remove(supplier_id)
    cached.missing |= verified - indexed
    log.info("match index reconciled: %d missing", len(cached.missing))


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
