"""The Spaser figures of one year (and one buyer), for the CLI, the API and the dashboard.

Definitions (the `procure report spaser` interface in README):
- the contracts are those notified during the year (`dateNotification`), DECP and procure's
  own awards together; one row per buyer SIRET + contract id, so a contract is counted once;
- `social`: any social consideration; `social_clause`, `social_criterion`, `reserved`: each;
  `environmental`: any environmental consideration;
- `awarded_sse`: at least one titulaire that is a verified registry supplier of the SSE (an
  SSE legal form, ESUS, or any inclusion status); `awarded_siae`: one with an SIAE status
  (EI, AI, ACI, ETTI, EITI); `awarded_disability`: one with EA, EATT or ESAT (verified too);
- amounts are `montant` summed once per contract;
- `insertion_hours.committed`: the hours the year's contracts commit to;
  `insertion_hours.realised`: the hours facilitators recorded for that year, on every
  contract of the buyer (hours are done during the contract's life, not in its first year).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from procure.spaser.models import Contract, ContractHolder, InsertionHoursRealised
from procure.suppliers.models import (
    DISABILITY_KINDS,
    SIAE_KINDS,
    SSE_LEGAL_FORMS,
    Supplier,
    SupplierKind,
    SupplierStatus,
)

INDICATORS = (
    "social", "social_clause", "social_criterion", "reserved", "environmental",
    "awarded_sse", "awarded_siae", "awarded_disability",
)  # fmt: skip
# PNAD 2022-2025 targets (share of contracts).
TARGETS = {"social": 0.30, "environmental": 1.0}


@dataclass(frozen=True, slots=True)
class Row:
    pk: int
    amount: float
    notified_on: date
    cpv: str
    department: str | None
    hours: int
    flags: dict[str, bool]


def _holder_with(condition) -> Any:
    return exists().where(
        ContractHolder.contract_id == Contract.id,
        Supplier.id == ContractHolder.supplier_id,
        Supplier.status == SupplierStatus.VERIFIED,
        condition,
    )


def _has_kind(kinds) -> Any:
    return exists().where(SupplierKind.supplier_id == Supplier.id, SupplierKind.kind.in_(kinds))


def _year_filter(year: int, buyer: str | None) -> list[Any]:
    where = [Contract.notified_on >= date(year, 1, 1), Contract.notified_on < date(year + 1, 1, 1)]
    if buyer:
        where.append(Contract.buyer_siret == buyer)
    return where


def contract_rows(session: Session, year: int, buyer: str | None) -> list[Row]:
    sse = _holder_with(
        or_(Supplier.legal_form.in_(SSE_LEGAL_FORMS), Supplier.esus.is_(True),
            exists().where(SupplierKind.supplier_id == Supplier.id))
    )  # fmt: skip
    stmt = select(
        Contract.id, Contract.amount, Contract.notified_on, Contract.cpv, Contract.department,
        Contract.insertion_hours, Contract.social_clause, Contract.social_criterion,
        Contract.reserved, Contract.env_clause, Contract.env_criterion,
        sse.label("sse"), _holder_with(_has_kind(SIAE_KINDS)).label("siae"),
        _holder_with(_has_kind(DISABILITY_KINDS)).label("disability"),
    ).where(*_year_filter(year, buyer)).order_by(Contract.id)  # fmt: skip
    rows = []
    for r in session.execute(stmt):
        flags = {
            "social": r.social_clause or r.social_criterion or r.reserved,
            "social_clause": r.social_clause, "social_criterion": r.social_criterion,
            "reserved": r.reserved, "environmental": r.env_clause or r.env_criterion,
            "awarded_sse": bool(r.sse), "awarded_siae": bool(r.siae),
            "awarded_disability": bool(r.disability),
        }  # fmt: skip
        rows.append(
            Row(r.id, r.amount or 0.0, r.notified_on, r.cpv or "", r.department,
                r.insertion_hours or 0, {k: bool(v) for k, v in flags.items()})
        )  # fmt: skip
    return rows


def _money(value: float) -> float:
    return round(value + 0.0, 2)


def _count(rows: list[Row], flag: str | None = None) -> dict[str, Any]:
    chosen = [r for r in rows if flag is None or r.flags[flag]]
    return {"contracts": len(chosen), "amount": _money(sum(r.amount for r in chosen))}


def realised_hours(session: Session, year: int, buyer: str | None) -> float:
    stmt = select(func.coalesce(func.sum(InsertionHoursRealised.hours), 0.0)).where(
        InsertionHoursRealised.year == year
    )
    if buyer:
        stmt = stmt.join(Contract, Contract.id == InsertionHoursRealised.contract_id).where(
            Contract.buyer_siret == buyer
        )
    return float(session.scalar(stmt) or 0.0)


def figures_of(rows: list[Row], year: int, buyer: str | None, realised: float) -> dict[str, Any]:
    total = _count(rows)
    out: dict[str, Any] = {"year": year, "buyer": buyer, **total}
    for flag in INDICATORS:
        out[flag] = _count(rows, flag)
    hours = realised if realised != int(realised) else int(realised)
    out["insertion_hours"] = {"committed": sum(r.hours for r in rows), "realised": hours}
    return out


def spaser_figures(session: Session, year: int, buyer: str | None = None) -> dict[str, Any]:
    """The object of `procure report spaser --format json`."""
    return figures_of(
        contract_rows(session, year, buyer), year, buyer, realised_hours(session, year, buyer)
    )


def share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def breakdown(rows: list[Row], key) -> list[tuple[str, dict[str, Any]]]:
    """Figures grouped by `key(row)`, in key order."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    return [
        (name, {"all": _count(g), "social": _count(g, "social"),
                "environmental": _count(g, "environmental")})
        for name, g in sorted(groups.items())
    ]  # fmt: skip


def quarter_of(r: Row) -> str:
    return f"T{(r.notified_on.month - 1) // 3 + 1}"


def division_of(r: Row) -> str:
    return r.cpv[:2] or "—"


def department_of(r: Row) -> str:
    return r.department or "—"


def table_lines(figures: dict[str, Any]) -> list[str]:
    """`--format table`: one indicator a line, with its share of contracts and of amount."""
    total, amount = figures["contracts"], figures["amount"]
    lines = [
        f"Spaser {figures['year']} — {figures['buyer'] or 'tous les acheteurs'}",
        f"{'indicateur':<20} {'marchés':>8} {'part':>7} {'montant HT':>16} {'part':>7}",
        f"{'total':<20} {total:>8} {'':>7} {amount:>16,.2f} {'':>7}",
    ]
    for flag in INDICATORS:
        item = figures[flag]
        lines.append(
            f"{flag:<20} {item['contracts']:>8} {share(item['contracts'], total):>7.1%} "
            f"{item['amount']:>16,.2f} {share(item['amount'], amount):>7.1%}"
        )
    hours = figures["insertion_hours"]
    lines.append(f"heures d'insertion engagées {hours['committed']}, réalisées {hours['realised']}")
    return lines
