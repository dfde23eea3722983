"""What the Spaser dashboard, its exports and the printable report show, prepared once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import distinct, exists, func, or_, select
from sqlalchemy.orm import Session

from procure.core.formatting import number, percent
from procure.feedback.models import ShortlistEntry, ShortlistSnapshot
from procure.spaser import report
from procure.spaser.charts import Chart, bar_chart
from procure.spaser.models import Contract, ContractHolder
from procure.spaser.radar import Renewal, renewals
from procure.suppliers.models import SSE_LEGAL_FORMS, Supplier, SupplierKind, SupplierStatus


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    contracts: int
    contract_share: float
    amount: float
    amount_share: float
    target: float | None


@dataclass(frozen=True, slots=True)
class Winner:
    name: str
    siret: str
    contracts: int
    amount: float


@dataclass
class Dashboard:
    year: int
    buyer: str | None
    figures: dict[str, Any]
    indicators: list[Indicator]
    quarters: list[tuple[str, dict[str, Any]]]
    divisions: list[tuple[str, dict[str, Any]]]
    departments: list[tuple[str, dict[str, Any]]]
    winners: list[Winner]
    shortlisted_won: list[Winner]
    renewals: list[Renewal]
    charts: dict[str, Chart]


def _year_where(year: int, buyer: str | None) -> list[Any]:
    where = [Contract.notified_on >= date(year, 1, 1), Contract.notified_on < date(year + 1, 1, 1)]
    if buyer:
        where.append(Contract.buyer_siret == buyer)
    return where


def sse_winners(session: Session, year: int, buyer: str | None) -> list[Winner]:
    """Verified SSE suppliers holding contracts notified that year, by amount won."""
    is_sse = or_(
        Supplier.legal_form.in_(SSE_LEGAL_FORMS), Supplier.esus.is_(True),
        exists().where(SupplierKind.supplier_id == Supplier.id),
    )  # fmt: skip
    stmt = (
        select(Supplier.name, Supplier.siret, func.count(distinct(Contract.id)),
               func.sum(Contract.amount))
        .join(ContractHolder, ContractHolder.supplier_id == Supplier.id)
        .join(Contract, Contract.id == ContractHolder.contract_id)
        .where(Supplier.status == SupplierStatus.VERIFIED, is_sse, *_year_where(year, buyer))
        .group_by(Supplier.id, Supplier.name, Supplier.siret)
        .order_by(func.sum(Contract.amount).desc(), Supplier.name)
    )  # fmt: skip
    return [Winner(n, s, c, round(a or 0.0, 2)) for n, s, c, a in session.execute(stmt)]


def shortlisted_then_won(session: Session, year: int, buyer: str | None) -> list[Winner]:
    """Suppliers procure put on a shortlist of a tender shown to its buyers (page, CSV, API
    or digest, procure.feedback), before the contract of that tender they then won."""
    shortlisted = (
        select(ShortlistEntry.snapshot_id)
        .join(ShortlistSnapshot, ShortlistSnapshot.id == ShortlistEntry.snapshot_id)
        .where(
            ShortlistSnapshot.tender_id == Contract.tender_id,
            ShortlistEntry.supplier_id == Supplier.id,
            ShortlistSnapshot.shown_at <= Contract.created_at,
        )
        .exists()
    )
    stmt = (
        select(Supplier.name, Supplier.siret, func.count(distinct(Contract.id)),
               func.sum(Contract.amount))
        .join(ContractHolder, ContractHolder.supplier_id == Supplier.id)
        .join(Contract, Contract.id == ContractHolder.contract_id)
        .where(Contract.tender_id.is_not(None), shortlisted, *_year_where(year, buyer))
        .group_by(Supplier.id, Supplier.name, Supplier.siret)
        .order_by(Supplier.name)
    )  # fmt: skip
    return [Winner(n, s, c, round(a or 0.0, 2)) for n, s, c, a in session.execute(stmt)]


def _indicators(figures: dict[str, Any]) -> list[Indicator]:
    total, amount = figures["contracts"], figures["amount"]
    return [
        Indicator(code, figures[code]["contracts"], report.share(figures[code]["contracts"], total),
                  figures[code]["amount"], report.share(figures[code]["amount"], amount),
                  report.TARGETS.get(code))
        for code in report.INDICATORS
    ]  # fmt: skip


def build(
    session: Session, year: int, buyer: str | None, today: date, labels: dict[str, str]
) -> Dashboard:
    rows = report.contract_rows(session, year, buyer)
    figures = report.figures_of(rows, year, buyer, report.realised_hours(session, year, buyer))
    indicators = _indicators(figures)
    # 'T1'…'T4' (trimestre) in French, 'Q1'…'Q4' in English
    quarters = [(_("T%(n)s", n=q[1:]), g) for q, g in report.breakdown(rows, report.quarter_of)]
    divisions = report.breakdown(rows, report.division_of)
    departments = report.breakdown(rows, report.department_of)

    def shares(groups, flag):
        return [(name, report.share(g[flag]["contracts"], g["all"]["contracts"]),
                 percent(report.share(g[flag]["contracts"], g["all"]["contracts"])))
                for name, g in groups]  # fmt: skip

    by_code = {i.code: i for i in indicators}
    charts = {
        "targets": bar_chart(
            labels["targets"],
            [
                (labels[c], by_code[c].contract_share, percent(by_code[c].contract_share))
                for c in ("social", "environmental")
            ],
            scale=1.0,
        ),
        "quarters": bar_chart(
            labels["quarters"],
            shares(quarters, "social"),
            1.0,
            report.TARGETS["social"],
            labels["target_social"],
        ),
        "divisions": bar_chart(
            labels["divisions"],
            shares(divisions, "social"),
            1.0,
            report.TARGETS["social"],
            labels["target_social"],
        ),
        "departments": bar_chart(
            labels["departments"],
            shares(departments, "social"),
            1.0,
            report.TARGETS["social"],
            labels["target_social"],
        ),
        "hours": bar_chart(
            labels["hours"],
            [
                (
                    labels["committed"],
                    figures["insertion_hours"]["committed"],
                    number(figures["insertion_hours"]["committed"]),
                ),
                (
                    labels["realised"],
                    figures["insertion_hours"]["realised"],
                    number(figures["insertion_hours"]["realised"]),
                ),
            ],
        ),
    }
    return Dashboard(
        year, buyer, figures, indicators, quarters, divisions, departments,
        sse_winners(session, year, buyer), shortlisted_then_won(session, year, buyer),
        renewals(session, buyer, today), charts,
    )  # fmt: skip
