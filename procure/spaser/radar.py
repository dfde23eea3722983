"""Renewal radar: a buyer's contracts ending in the next 12 months whose CPV reads as trades
that verified SSE suppliers of the registry serve in the contract's département.

The end of a contract is its notification date plus its duration (after modifications, see
`decp_read`). Trades come from the matcher's public functions: `cpv_trades` for the
contract's CPV code and the registry index's `trades_of` for suppliers (procure/matching is
read, never changed). A supplier serving the whole country counts everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.matching.service import reading, registry_index
from procure.matching.trades import cpv_trades
from procure.spaser.models import Contract
from procure.suppliers.models import SSE_LEGAL_FORMS

HORIZON_MONTHS = 12
MAX_DURATION_MONTHS = 120


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True, slots=True)
class Renewal:
    contract_pk: int
    contract_id: str
    buyer_siret: str
    objet: str
    cpv: str
    department: str
    amount: float
    ends_on: date
    trades: tuple[str, ...]
    suppliers: tuple[str, ...]  # names of the SSE suppliers able to answer


def sse_suppliers_by_trade(session: Session) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    index = registry_index(session)
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    with reading():  # the matcher's follower thread may be changing the index
        for row in range(index.n):
            doc = index.doc(row)
            if doc is None:
                continue
            if not (doc.legal_form in SSE_LEGAL_FORMS or doc.esus or doc.inclusion_kinds):
                continue
            for trade in index.trades_of(row):
                out.setdefault(trade, []).append((doc.name, doc.departments))
    return out


SuppliersByTrade = dict[str, list[tuple[str, tuple[str, ...]]]]


def renewals(
    session: Session,
    buyer: str | None,
    today: date,
    limit: int = 100,
    by_trade: Callable[[], SuppliersByTrade] | None = None,
) -> list[Renewal]:
    """`by_trade` gives the SSE suppliers by trade when a caller asks for many buyers in a
    row (the digests) and computes them once; by default they are read from the index."""
    horizon = add_months(today, HORIZON_MONTHS)
    stmt = select(
        Contract.id, Contract.contract_id, Contract.buyer_siret, Contract.objet, Contract.cpv,
        Contract.department, Contract.amount, Contract.notified_on, Contract.duration_months,
    ).where(
        Contract.duration_months.is_not(None), Contract.department.is_not(None),
        Contract.notified_on >= add_months(today, -MAX_DURATION_MONTHS),
        Contract.notified_on <= horizon,
    )  # fmt: skip
    if buyer:
        stmt = stmt.where(Contract.buyer_siret == buyer)
    ending = []
    for r in session.execute(stmt.execution_options(yield_per=5000)):
        ends = add_months(r.notified_on, r.duration_months)
        if today <= ends <= horizon:
            ending.append((ends, r))
    ending.sort(key=lambda item: (item[0], item[1].id))
    if not ending:
        return []
    suppliers_by_trade = by_trade() if by_trade else sse_suppliers_by_trade(session)
    out: list[Renewal] = []
    for ends, r in ending:
        trades = tuple(sorted(t for t, w in cpv_trades([r.cpv]).items() if w > 0))
        names: dict[str, None] = {}
        for trade in trades:
            for name, deps in suppliers_by_trade.get(trade, []):
                if r.department in deps or "FR" in deps:
                    names[name] = None
        if names:
            out.append(
                Renewal(r.id, r.contract_id, r.buyer_siret, r.objet, r.cpv, r.department,
                        r.amount, ends, trades, tuple(sorted(names)))
            )  # fmt: skip
            if len(out) >= limit:
                break
    return out
