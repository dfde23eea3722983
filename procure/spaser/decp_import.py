"""`procure import decp`: contracts of a DECP file into `spaser_contracts`, in batches.

Idempotent by buyer SIRET + contract id: an unknown key is imported; a known DECP contract is
updated only when the record's `datePublicationDonnees` is newer than the stored one (same or
older changes nothing and counts nowhere). A key that procure already holds as its own award
is left as the buyer recorded it (counted once, and the award is the buyer's word).

Each batch of `BATCH` records is looked up with one query, written with bulk INSERTs and
committed by the caller-supplied `commit` (the command's one commit point per batch, so a
national file never holds one huge transaction and an interruption keeps the batches done).
Titulaires are matched to registry suppliers by SIRET, else by SIREN, from two dicts loaded
once (the registry is small next to a national file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from procure.spaser.decp_read import BadRecord, ContractData, normalise
from procure.spaser.models import Contract, ContractHolder, ContractSource
from procure.suppliers.models import Supplier

BATCH = 2000


@dataclass
class DecpReport:
    imported: int = 0
    updated: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"imported={self.imported} updated={self.updated} rejected={len(self.rejected)}"


class SupplierMatcher:
    """Registry supplier id for a titulaire: by SIRET, else by its SIREN."""

    def __init__(self, session: Session) -> None:
        self.by_siret: dict[str, int] = {}
        self.by_siren: dict[str, int] = {}
        for sid, siret, siren in session.execute(
            select(Supplier.id, Supplier.siret, Supplier.siren).order_by(Supplier.id)
        ):
            self.by_siret[siret] = sid
            self.by_siren.setdefault(siren, sid)

    def match(self, identifier: str, identifier_type: str) -> int | None:
        if identifier_type not in ("SIRET", "SIREN", "AUTRE") or not identifier.isdigit():
            return None
        if len(identifier) == 14 and identifier in self.by_siret:
            return self.by_siret[identifier]
        if len(identifier) in (9, 14):
            return self.by_siren.get(identifier[:9])
        return None


def _row(data: ContractData) -> dict[str, Any]:
    return {
        "source": ContractSource.DECP,
        "buyer_siret": data.buyer_siret,
        "contract_id": data.contract_id,
        "objet": data.objet,
        "cpv": data.cpv,
        "department": data.department,
        "amount": data.amount,
        "notified_on": data.notified_on,
        "duration_months": data.duration_months,
        "published_on": data.published_on,
        **data.flags,
    }


def _holder_rows(contract_pk: int, data: ContractData, matcher: SupplierMatcher) -> list[dict]:
    return [
        {
            "contract_id": contract_pk,
            "identifier": h.identifier,
            "identifier_type": h.identifier_type,
            "name": h.name,
            "supplier_id": matcher.match(h.identifier, h.identifier_type),
        }
        for h in data.holders
    ]


def _write_batch(
    session: Session, batch: dict[tuple[str, str], ContractData], matcher: SupplierMatcher,
    report: DecpReport,
) -> None:  # fmt: skip
    # contract_id has its own index: without it each batch scanned the whole table
    # (quadratic on a national file: 522 s for 300,000 contracts on PostgreSQL).
    ids = {key[1] for key in batch}
    existing: dict[tuple[str, str], tuple[int, Any, ContractSource]] = {}
    for pk, buyer, cid, published, source in session.execute(
        select(
            Contract.id, Contract.buyer_siret, Contract.contract_id, Contract.published_on,
            Contract.source,
        ).where(Contract.contract_id.in_(ids))
    ):  # fmt: skip
        existing[(buyer, cid)] = (pk, published, source)
    new: list[ContractData] = []
    changed: list[tuple[int, ContractData]] = []
    for key, data in batch.items():
        if key not in existing:
            new.append(data)
            continue
        pk, published, source = existing[key]
        if source != ContractSource.DECP:
            continue
        if data.published_on and (published is None or data.published_on > published):
            changed.append((pk, data))
    if new:
        # Plain executemany, then one SELECT for the new ids: RETURNING with ordered
        # parameters runs one statement per row on SQLite (10x slower).
        session.execute(insert(Contract.__table__), [_row(d) for d in new])
        keys = {(d.buyer_siret, d.contract_id): d for d in new}
        holders = []
        for pk, buyer, cid in session.execute(
            select(Contract.id, Contract.buyer_siret, Contract.contract_id).where(
                Contract.contract_id.in_({d.contract_id for d in new})
            )
        ):
            if (found := keys.get((buyer, cid))) is not None:
                holders.extend(_holder_rows(pk, found, matcher))
        if holders:
            session.execute(insert(ContractHolder.__table__), holders)
        report.imported += len(new)
    if changed:
        session.execute(update(Contract), [{"id": pk, **_row(d)} for pk, d in changed])
        session.execute(
            delete(ContractHolder).where(ContractHolder.contract_id.in_([pk for pk, _ in changed]))
        )
        holders = [r for pk, d in changed for r in _holder_rows(pk, d, matcher)]
        if holders:
            session.execute(insert(ContractHolder.__table__), holders)
        report.updated += len(changed)
    session.flush()


def import_records(
    session: Session,
    records: Iterable[tuple[int, Any]],
    commit: Callable[[], None] | None = None,
    on_reject: Callable[[int, str, str], None] | None = None,
    batch_size: int = BATCH,
) -> DecpReport:
    """Import `(position, record)` pairs; `commit` is called after every batch."""
    report = DecpReport()
    matcher = SupplierMatcher(session)
    batch: dict[tuple[str, str], ContractData] = {}

    def flush() -> None:
        if batch:
            _write_batch(session, batch, matcher, report)
            batch.clear()
            if commit is not None:
                commit()

    for position, record in records:
        try:
            data = normalise(record)
        except BadRecord as exc:
            ident = str(record.get("id") or "") if isinstance(record, dict) else ""
            report.rejected.append((position, ident, str(exc)))
            if on_reject is not None:
                on_reject(position, ident, str(exc))
            continue
        key = (data.buyer_siret, data.contract_id)
        if key in batch:
            # The same contract twice in one batch: the newer publication wins.
            held = batch[key].published_on
            if data.published_on and (held is None or data.published_on > held):
                batch[key] = data
            continue
        batch[key] = data
        if len(batch) >= batch_size:
            flush()
    flush()
    return report
