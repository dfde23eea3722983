"""The matcher as the rest of procure sees it: ORM rows in, ranked explained matches out.

`shortlist(session, tender, limit)` is what the web page, the API, the CLI and the digests
call. The index over verified suppliers is built once per process and follows the registry
(see registry_index): a request only checks it (two index lookups) and removes the suppliers
that stopped being verified; applying new and changed suppliers is the job of one background
thread per process (procure.matching.follower), so a bulk import never costs a request its
catch-up. A small change (a supplier verified by a facilitator) is applied by the request that
sees it first, so that it shows at once.
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
from collections import defaultdict
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager
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
from procure.matching.follower import Follower, ReadWriteLock, reset_after_fork
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
    it catches up). `missing`: verified suppliers a reconciliation found absent. `gone`: when
    a request removed each supplier that stopped being verified (time.monotonic()), so that a
    catch-up that read the supplier before that does not put it back.
    """

    index: MatchIndex
    key: tuple[str, int, str] | None
    mark: tuple[datetime, int]
    removals_seen: datetime
    missing: set[int] = field(default_factory=set)
    since_freeze: int = 0
    checked: float = 0.0  # time.monotonic() of the last full check (count and newest change)
    looked: datetime = _EPOCH  # utcnow() at the start of the last quick check
    gone: dict[int, float] = field(default_factory=dict)
    refused: tuple | None = None  # the key of a published index that could not be adopted


# Three locks, never one held while taking another except _writing, then _guard:
# - _lock: the cache dictionary, and a process's first build;
# - _guard: an index's contents. Rankings read (shared); a change writes alone and briefly
#   (one supplier added, replaced or removed, postings or a whole index swapped), so that no
#   ranking ever reads a half-made change and none waits for more than one change. The work
#   around a change (reading the rows, analysing a description, merging postings, loading a
#   published index) is done outside it.
# - _writing: one follower of the registry at a time (the thread, a request's small catch-up,
#   catch_up()); only a holder adds suppliers, so it may merge postings beside the rankings.
_lock = threading.Lock()
_guard = ReadWriteLock()
_writing = threading.Lock()
_cache: dict[str, _Cached] = {}
# A request that finds at most this many changes past the mark applies them itself (a supplier
# just verified shows in the very next shortlist; 1-3 ms each); more are left to the thread.
INLINE_ROWS = 10
INLINE_SECONDS = 0.2  # and stops there should an import's batch land meanwhile
PATCH_CHUNK = 20  # rows read at once (more than INLINE_ROWS: a small backlog is one read)
# One step of the thread lasts about this long, then the next step checks the registry again.
STEP_SECONDS = 0.5
# Status changes away from verified are removed by each request, whatever the backlog (ids
# only, a removal costs about a microsecond), re-read over this overlap so that a transaction
# committing after a newer change was seen is still caught.
REMOVAL_OVERLAP = timedelta(seconds=60)
GONE_KEPT_SECONDS = 600.0  # a catch-up step never reads rows this long before applying them
# Upserted suppliers sit in the index's delta postings, which every query concatenates: they
# are merged into the compact arrays past this many (about 0.1 s at 200,000 suppliers).
FREEZE_AFTER = 20_000
_AFTER_EVERY_ID = 2**31 - 1  # the largest id an INTEGER column holds
# A call whose registry has not changed since the last check (same newest `updated_at`) trusts
# the index without counting the verified suppliers (7.6 ms at 100,000, proportional to the
# registry): the count is checked again at the next change, or after this many seconds (a
# supplier deleted, or a late commit of an approval).
RECHECK_SECONDS = 5.0
VERIFIED = SupplierStatus.VERIFIED
NOT_VERIFIED = tuple(s for s in SupplierStatus if s != VERIFIED)  # the status index serves IN


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


def _shared_key(path: Path | None) -> tuple | None:
    if path is None:
        return None
    try:
        return tuple(json.loads(path.with_suffix(".key").read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def registry_index(session: Session) -> MatchIndex:
    """The index of verified suppliers, built once and shared, never showing a supplier that
    is not verified at the time of the call.

    Built only when this process has none: loaded from the file shared under instance/ (web
    workers, the scheduler and the CLI), or built and written there; gunicorn builds it in
    the master before forking (config/gunicorn.conf.py) so workers start with it in
    copy-on-write memory. Then it follows the registry, and a call never waits for that:
    - every call removes the suppliers that stopped being verified (ids only, from the status
      index), whatever the backlog: no supplier rejected a second ago is ever shortlisted;
    - while the newest `updated_at` is the one the index matches, that is all (the count runs
      again after RECHECK_SECONDS: a deleted supplier, or an approval committed after a newer
      change, may wait that long);
    - otherwise, when at most INLINE_ROWS changes wait (a supplier verified, renamed), the call
      applies them (and counts the registry) before ranking, so they show at once; more are
      applied by the process's follower thread (the call ranks on the index as it is), a
      supplier added or changed showing once the thread reaches it, or once the index the
      import published (publish_index) is adopted, whichever comes first. The thread applies a
      backlog at several hundred rows a second when the process is idle, at least one row per
      ranking when it is busy (see follower.ReadWriteLock).
    """
    url = _url(session)
    with _lock:
        cached = _cache.get(url)
    if cached is None:
        return _first_index(session, url)
    if _quick_check(session, cached):
        return cached.index
    engine = session.get_bind().engine
    if _writing.acquire(blocking=False):  # else the thread is at it: rank as the index is
        try:
            done = _small_backlog(engine, cached) and _step(
                engine, url, None, time.monotonic() + INLINE_SECONDS
            )
        finally:
            _writing.release()
        if done:
            return cached.index
    _follower.wake(url, (engine, _index_file()))
    return cached.index


def _url(session: Session) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=True)


def _first_index(session: Session, url: str) -> MatchIndex:
    key, newest = _registry_key(session, url)
    with _lock:
        cached = _cache.get(url)
        if cached is not None:  # built meanwhile by another thread
            return cached.index
        path = _index_file()
        index = _load_shared(path, key)
        if index is None:
            index = MatchIndex.build(verified_docs(session))
            _save_shared(path, key, index)
        seen = newest or _EPOCH
        _cache[url] = _Cached(index, key, (seen, _AFTER_EVERY_ID), seen, checked=time.monotonic())
        return index


def _quick_check(session: Session, cached: _Cached) -> bool:
    """The check of every call: remove the suppliers that stopped being verified since the
    last look (such as a rejection committed after a newer change was seen); True when the
    index is known to match the registry and nothing changed since (two index lookups on
    `updated_at` and the status), False when it lags, changed or is due a count."""
    started = utcnow()
    newest = aware(session.scalar(select(func.max(Supplier.updated_at))))
    gone = _gone_since(session, max(cached.removals_seen, cached.looked))
    _remove(cached, gone, remember=True)
    cached.looked = max(cached.looked, started)
    key = cached.key
    return (
        key is not None
        and (newest.isoformat() if newest else "") == key[2]
        and time.monotonic() - cached.checked < RECHECK_SECONDS
    )


def _remove(cached: _Cached, ids: Collection[int], remember: bool = False) -> None:
    """Remove suppliers from the index; `remember`: a request's removal, which a catch-up
    that read them before must not undo (see _apply)."""
    if not ids:
        return
    now = time.monotonic()
    with _guard.writing():
        for supplier_id in ids:
            cached.index.remove(supplier_id)
            if remember:
                cached.gone[supplier_id] = now
        if remember and len(cached.gone) > 1000:
            old = now - GONE_KEPT_SECONDS
            cached.gone = {k: at for k, at in cached.gone.items() if at >= old}


def _small_backlog(engine, cached: _Cached) -> bool:
    """At most INLINE_ROWS changes past the mark (read on a session of its own)."""
    with Session(engine) as session:
        rows = session.execute(
            select(Supplier.id)
            .where(_changed_after(cached.mark))
            .order_by(Supplier.updated_at, Supplier.id)
            .limit(INLINE_ROWS + 1)
        ).all()
    return len(rows) <= INLINE_ROWS


def _follow(url: str, job: tuple) -> bool:
    """The follower thread's step: about STEP_SECONDS of catching up; True when caught up."""
    engine, path = job
    with _writing:
        return _step(engine, url, path, time.monotonic() + STEP_SECONDS)


def _step(engine, url: str, path: Path | None, deadline: float | None) -> bool:
    """Catch up (a holder of _writing) on a session of its own, each chunk in a transaction
    of its own (a fresh snapshot, and no lock kept on the table); adopt an index published
    ahead of this one first, when `path` is given. True when the index matches the registry."""
    with _lock:
        cached = _cache.get(url)
    if cached is None:
        return True
    with Session(engine) as session:
        if path is not None:
            _adopt(session, url, cached, path)
        return _advance(session, url, cached, deadline)


def _adopt(session: Session, url: str, cached: _Cached, path: Path) -> None:
    """Put the index the import published (publish_index) in place of this lagging one, when
    it is ahead: loading it (a few seconds at 225,000 suppliers) is done beside the rankings,
    the swap is one change under _guard."""
    key = _shared_key(path)
    if key is None or key == cached.refused or key[0] != url:
        return
    published = datetime.fromisoformat(key[2]) if key[2] else _EPOCH
    if published <= cached.mark[0]:
        return
    started = time.monotonic()
    index = _load_shared(path, key)
    if index is None:
        cached.refused = key
        return
    for supplier_id in _gone_since(session, published):  # left verified after it was built
        index.remove(supplier_id)
    session.rollback()
    with _guard.writing():
        for supplier_id, at in cached.gone.items():
            if at >= started:  # removed by a request while it loaded
                index.remove(supplier_id)
        cached.index = index
        cached.mark = (published, _AFTER_EVERY_ID)
        cached.removals_seen = published
        cached.missing = set()
        cached.since_freeze = 0
    log.info("match index: adopted the published index (%d suppliers)", len(index))


def _gone_since(session: Session, at: datetime) -> list[int]:
    """Suppliers no longer verified, changed since `at`: what became visible since then was
    written at most REMOVAL_OVERLAP before (a transaction committing late)."""
    return list(
        session.scalars(
            select(Supplier.id).where(
                Supplier.updated_at > at - REMOVAL_OVERLAP, Supplier.status.in_(NOT_VERIFIED)
            )
        )
    )


def _advance(session: Session, url: str, cached: _Cached, deadline: float | None) -> bool:
    """Apply the changes past the mark in (updated_at, id) order, until `deadline` (None:
    all of them; checked between full chunks, so that a small backlog is always finished: a
    request applies it whole, whatever the load). Caught up means: a read past the mark came
    back empty after the registry key was read, so every change that key counts is applied;
    only then is the registry counted (proportional to it: never once per step while an
    import runs), the ids reconciled if the count differs, and the index marked as matching
    that key."""
    newest = aware(session.scalar(select(func.max(Supplier.updated_at))))
    _remove(cached, _gone_since(session, cached.removals_seen))
    if newest is not None:
        cached.removals_seen = max(cached.removals_seen, newest)
    session.rollback()
    key: tuple[str, int, str] | None = None
    caught_up, trickle = False, 0
    while not caught_up:
        read_at = time.monotonic()
        rows = session.execute(
            select(Supplier.id, Supplier.updated_at, Supplier.status)
            .where(_changed_after(cached.mark))
            .order_by(Supplier.updated_at, Supplier.id)
            .limit(PATCH_CHUNK)
        ).all()
        ids = [sid for sid, _at, status in rows if status == VERIFIED]
        docs = _current_docs(session, ids)
        session.rollback()
        for supplier_id, at, _status in rows:
            _apply(cached, supplier_id, docs.get(supplier_id), read_at, (aware(at), supplier_id))
        if not rows and key is not None:
            caught_up = True
        elif len(rows) < PATCH_CHUNK:  # the end is near: read the key, then check it
            key = _registry_key(session, url)[0]
            session.rollback()
            trickle += bool(rows)
            if trickle > 3:  # changes keep coming one by one: the next step goes on
                break
        else:
            key = None
            if deadline is not None and time.monotonic() >= deadline:
                break
    if caught_up and key is not None and not cached.missing:
        _reconcile(session, cached, key[1])
    if cached.missing:  # one chunk per step
        batch = sorted(cached.missing)[:PATCH_CHUNK]
        cached.missing.difference_update(batch)
        read_at = time.monotonic()
        docs = _current_docs(session, batch)
        for supplier_id in batch:
            _apply(cached, supplier_id, docs.get(supplier_id), read_at, None)
    session.rollback()
    if cached.since_freeze >= (FREEZE_AFTER // 10 if caught_up else FREEZE_AFTER):
        _freeze(cached)
    complete = caught_up and key is not None and not cached.missing and len(cached.index) == key[1]
    cached.key = key if complete else None
    if complete:
        cached.checked = time.monotonic()
    return complete


def _apply(
    cached: _Cached,
    supplier_id: int,
    doc: SupplierDoc | None,
    read_at: float,
    mark: tuple[datetime, int] | None,
) -> None:
    """One change, as read at `read_at`: upserted when verified, unless a request removed
    the supplier after that read (it stopped being verified meanwhile), else removed."""
    with _guard.writing():
        if doc is None or cached.gone.get(supplier_id, -math.inf) >= read_at:
            cached.index.remove(supplier_id)
        else:
            cached.index.upsert(doc)
            cached.since_freeze += 1
        if mark is not None:
            cached.mark = mark


def _freeze(cached: _Cached) -> None:
    """Merge the delta postings beside the rankings (only a holder of _writing adds
    suppliers), then swap them in."""
    index = cached.index
    indptr, indices = index.merged_postings()
    with _guard.writing():
        index.indptr, index.indices, index.delta = indptr, indices, {}
    cached.since_freeze = 0


def publish_index(session: Session) -> int:
    """Build the index from scratch and share it under instance/ (see registry_index): run
    in the background after a bulk import, so that web workers load it instead of following
    the whole change row by row. Returns its size."""
    url = _url(session)
    key, newest = _registry_key(session, url)
    index = MatchIndex.build(verified_docs(session))
    _save_shared(_index_file(), key, index)
    seen = newest or _EPOCH
    with _lock:
        _cache[url] = _Cached(index, key, (seen, _AFTER_EVERY_ID), seen)
    return len(index)


def _changed_after(mark: tuple[datetime, int]) -> ColumnElement[bool]:
    """Past (updated_at, id) = mark. The redundant `updated_at >= at` is what lets the
    database start its ordered scan of the `updated_at` index at the mark: with the OR alone
    PostgreSQL read it from the start and filtered, 72 ms per chunk 50,000 rows in (1.6 ms
    with it), so following a 225,000-row import cost time quadratic in its size."""
    at, last_id = mark
    return and_(Supplier.updated_at >= at, or_(Supplier.updated_at > at, Supplier.id > last_id))


def _current_docs(session: Session, ids: list[int]) -> dict[int, SupplierDoc]:
    """These suppliers as they are now, those still verified only."""
    if not ids:
        return {}
    where = and_(Supplier.id.in_(ids), Supplier.status == VERIFIED)
    return {doc.id: doc for doc in _docs(session, where)}


def _reconcile(session: Session, cached: _Cached, count: int) -> None:
    """When caught up but the count differs (a change committed with an `updated_at` older
    than one already applied, or a deleted supplier): compare the ids and queue the fix."""
    if len(cached.index) == count:
        return
    verified = set(session.scalars(select(Supplier.id).where(Supplier.status == VERIFIED)))
    indexed = set(cached.index.row_of)
    _remove(cached, indexed - verified)
    cached.missing |= verified - indexed
    log.info("match index reconciled: %d missing", len(cached.missing))


def catch_up(session: Session) -> MatchIndex:
    """Bring this process's index up to the registry now, in the calling thread, as the
    follower thread would (adopting a published index, then following): for tests, and for
    callers that must see every change (none on the web path)."""
    index = registry_index(session)
    url = _url(session)
    engine = session.get_bind().engine
    path = _index_file()
    with _writing:
        for _ in range(10_000):
            if _step(engine, url, path, None):
                break
    with _lock:
        cached = _cache.get(url)
    return cached.index if cached is not None else index


def follower_paused() -> AbstractContextManager[None]:
    """Hold this process's follower thread between steps (tests)."""
    return _follower.paused()


def follower_idle(timeout: float = 120.0) -> bool:
    """Wait until this process's follower thread has nothing left to do (tests)."""
    return _follower.wait_idle(timeout)


def reading() -> AbstractContextManager[None]:
    """Hold off changes to the indexes while reading one outside the functions below (which
    take it themselves): `with reading(): ... index.doc(row) ...`."""
    return _guard.reading()


def forget_index() -> None:
    """Drop cached indexes (tests, or after a bulk change made outside the ORM)."""
    _follower.forget()
    with _writing, _lock:
        _cache.clear()


_follower = Follower(_follow, "match-index-follower")


def _before_fork() -> None:
    _follower.hold()  # the child never inherits the thread's half-made database call
    _guard.acquire_write()  # nor a half-made change of an index


def _after_fork_in_parent() -> None:
    _guard.release_write()
    _follower.resume()


def _after_fork_in_child() -> None:
    """A forked child (a gunicorn worker, a digest ranker) keeps the index, with fresh locks
    and no thread: its own follower starts at its first wake."""
    global _lock, _guard, _writing
    _lock, _guard, _writing = threading.Lock(), ReadWriteLock(), threading.Lock()
    reset_after_fork(_follower)


os.register_at_fork(
    before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child
)


def shortlist(session: Session, tender: Tender, limit: int = 20) -> list[Match]:
    """Ranked, explained matches for a tender: eligible, verified suppliers only."""
    index = registry_index(session)
    return shortlist_for_doc(index, tender_doc(tender), limit)


def shortlist_for_doc(index: MatchIndex, doc: TenderDoc, limit: int = 20) -> list[Match]:
    """Same, for callers ranking many tenders against one index (CLI, digests)."""
    with _guard.reading():
        return rank(index, doc, limit=limit)


def shortlists_with_lots(
    index: MatchIndex, doc: TenderDoc, limit: int = 20
) -> tuple[list[Match], list[LotShortlist]]:
    """The tender's shortlist and each lot's own shortlist (none for a tender without lots)."""
    with _guard.reading():
        return rank_with_lots(index, doc, limit)


def lot_shortlists(session: Session, tender: Tender, limit: int = 20) -> list[LotShortlist]:
    """Each lot's own shortlist, for the shortlist page."""
    index = registry_index(session)
    return shortlists_with_lots(index, tender_doc(tender), limit)[1]


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
