"""Bulk import of suppliers by SIRET: create, update, or leave alone when unchanged.

Each row is validated whole before anything is written, so a bad row never half-lands;
good rows are written in batches (one query to load the batch's existing suppliers, bulk
inserts and updates), which is what makes 100,000 rows fit in a minute. The caller decides
the transactions through `on_batch` (the command commits each batch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from procure.suppliers.csvfile import RawRow
from procure.suppliers.fastpath import among, bulk_insert
from procure.suppliers.models import (
    Supplier,
    SupplierArea,
    SupplierAudit,
    SupplierKind,
    SupplierStatus,
)
from procure.suppliers.services import (
    DATA_FIELDS,
    ELIGIBILITY_FIELDS,
    IMPORT,
    Actor,
    capabilities_text,
    diff,
    eligibility_changes,
)
from procure.suppliers.validation import SupplierData, SupplierInvalid, clean_supplier
from procure.timeutil import utcnow

BATCH_SIZE = 2000
_SCALARS = tuple(f for f in DATA_FIELDS if f not in ("inclusion_kinds", "departments"))


@dataclass
class Rejection:
    line: int
    siret: str
    name: str
    reason: str


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"imported={self.imported} updated={self.updated} rejected={len(self.rejected)}"


def import_suppliers(
    session: Session,
    rows: Iterable[RawRow],
    actor: Actor = IMPORT,
    *,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[], None] | None = None,
    progress: Callable[[int], object] | None = None,
    report: ImportReport | None = None,
    accepted: dict[str, int] | None = None,
) -> ImportReport:
    """Import validated rows as verified suppliers (an administrator's import).

    A caller that commits progress as it goes (a background job) passes its own `report`,
    read in `on_batch`, and, when resuming, the SIRETs already `accepted` (SIRET -> line of
    its first good row) so that a duplicate is still told apart from the first."""
    report = ImportReport() if report is None else report
    accepted = {} if accepted is None else accepted
    batch: list[tuple[int, SupplierData]] = []
    read = 0
    for row in rows:
        read += 1
        data = _check(row, accepted, report)
        if data is not None:
            accepted[data.siret] = row.line
            batch.append((row.line, data))
        if len(batch) >= batch_size:
            _write_batch(session, batch, actor, report)
            if on_batch:
                on_batch()
            if progress:
                progress(read)
                read = 0
            batch = []
    if batch:
        _write_batch(session, batch, actor, report)
        if on_batch:
            on_batch()
    if progress and read:
        progress(read)
    session.expire_all()  # bulk statements bypassed the identity map
    return report


def _check(row: RawRow, accepted: dict[str, int], report: ImportReport) -> SupplierData | None:
    siret, name = row.values.get("siret", "").strip(), row.values.get("name", "").strip()
    reason = row.problem
    data = None
    if not reason:
        try:
            data = clean_supplier(row.values)
        except SupplierInvalid as exc:
            reason = "; ".join(m for messages in exc.errors.values() for m in messages)
    if data is not None and data.siret in accepted:
        reason = _("SIRET en double dans le fichier (déjà ligne %(n)d)", n=accepted[data.siret])
        data = None
    if reason:
        report.rejected.append(Rejection(row.line, siret, name[:80], reason))
    return data


def _existing(session: Session, sirets: list[str]) -> dict[str, dict[str, Any]]:
    """The batch's suppliers already in the registry, as plain dicts (no ORM objects)."""
    cols = [Supplier.id, Supplier.siret, Supplier.status, *(getattr(Supplier, f) for f in _SCALARS)]
    found = {
        r.siret: r._asdict()
        for r in session.execute(select(*cols).where(among(session, Supplier.siret, sirets)))
    }
    if not found:
        return found
    by_id = {v["id"]: v for v in found.values()}
    for v in by_id.values():
        v["inclusion_kinds"], v["departments"] = [], []
        v["cpv_codes"] = list(v["cpv_codes"] or [])
    ids = list(by_id)
    for sid, kind in session.execute(
        select(SupplierKind.supplier_id, SupplierKind.kind).where(
            among(session, SupplierKind.supplier_id, ids)
        )
    ):
        by_id[sid]["inclusion_kinds"].append(kind)
    for sid, dep in session.execute(
        select(SupplierArea.supplier_id, SupplierArea.department).where(
            among(session, SupplierArea.supplier_id, ids)
        )
    ):
        by_id[sid]["departments"].append(dep)
    for v in by_id.values():
        v["inclusion_kinds"].sort()
        v["departments"].sort()
    return found


def _write_batch(
    session: Session, batch: list[tuple[int, SupplierData]], actor: Actor, report: ImportReport
) -> None:
    now = utcnow()
    verified = SupplierStatus.VERIFIED
    existing = _existing(session, [d.siret for _, d in batch])
    new_rows: list[dict[str, Any]] = []
    new_data: list[SupplierData] = []
    updates: list[dict[str, Any]] = []
    kinds: list[dict[str, Any]] = []
    areas: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    replace_kinds: list[int] = []
    replace_areas: list[int] = []
    for _line, data in batch:
        values = {f: getattr(data, f) for f in DATA_FIELDS}
        old = existing.get(data.siret)
        if old is None:
            row = {f: values[f] for f in _SCALARS}
            row.update(
                siret=data.siret,
                siren=data.siren,
                status=verified,
                rejection_reason="",
                search_text=capabilities_text(data.description),
                created_at=now,
                updated_at=now,
            )
            new_rows.append(row)
            new_data.append(data)
            continue
        changes = diff(old, values)
        if old["status"] != verified:
            changes["status"] = [str(old["status"]), str(verified)]
        if not changes:
            report.unchanged += 1
            continue
        report.updated += 1
        sid = old["id"]
        row = {f: values[f] for f in _SCALARS}
        row.update(id=sid, status=verified, rejection_reason="", updated_at=now)
        row["search_text"] = capabilities_text(data.description)
        updates.append(row)
        if "inclusion_kinds" in changes:
            replace_kinds.append(sid)
            kinds.extend({"supplier_id": sid, "kind": k} for k in data.inclusion_kinds)
        if "departments" in changes:
            replace_areas.append(sid)
            areas.extend({"supplier_id": sid, "department": d} for d in data.departments)
        audited = eligibility_changes(changes)
        if "status" in changes:
            audited["status"] = changes["status"]
        if audited:
            audits.append(_audit(sid, actor, "import.update", audited, now))
    if new_rows:
        # Core executemany (no RETURNING: SQLite would run it row by row), then one query
        # for the new ids.
        bulk_insert(session, Supplier.__table__, new_rows)
        ids = dict(
            session.execute(
                select(Supplier.siret, Supplier.id).where(
                    among(session, Supplier.siret, [d.siret for d in new_data])
                )
            ).all()
        )
        for data in new_data:
            sid = ids[data.siret]
            kinds.extend({"supplier_id": sid, "kind": k} for k in data.inclusion_kinds)
            areas.extend({"supplier_id": sid, "department": d} for d in data.departments)
            created = {f: getattr(data, f) for f in ELIGIBILITY_FIELDS}
            created["status"] = str(verified)
            audits.append(_audit(sid, actor, "import.create", created, now))
        report.imported += len(new_rows)
    if updates:
        session.execute(update(Supplier), updates)
    if replace_kinds:
        session.execute(
            delete(SupplierKind).where(among(session, SupplierKind.supplier_id, replace_kinds))
        )
    if replace_areas:
        session.execute(
            delete(SupplierArea).where(among(session, SupplierArea.supplier_id, replace_areas))
        )
    for model, params in ((SupplierKind, kinds), (SupplierArea, areas), (SupplierAudit, audits)):
        bulk_insert(session, model.__table__, params)


def _audit(sid: int, actor: Actor, action: str, changes: dict[str, Any], now) -> dict[str, Any]:
    return {
        "supplier_id": sid,
        "user_id": actor.user_id,
        "actor": actor.label,
        "action": action,
        "changes": changes,
        "created_at": now,
    }
