"""The demo's tenders: a dozen, for the three demo buyers, with every clause type."""

from __future__ import annotations

from sqlalchemy import select

from procure.accounts.services import find_user
from procure.demo.loader import BUYERS
from procure.extensions import db
from procure.tenders.models import ClauseType, Tender, TenderStatus


def test_demo_loads_twelve_open_tenders_for_the_demo_buyers(app_ctx, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "tenders=12" in result.output
    tenders = list(db.session.scalars(select(Tender)))
    assert len(tenders) == 12
    assert all(t.status == TenderStatus.OPEN for t in tenders)
    assert {t.organisation.name for t in tenders} == {org for _, _, org in BUYERS}
    buyer = find_user(db.session, BUYERS[2][0])
    assert sum(t.organisation_id == buyer.organisation_id for t in tenders) == 3
    assert {c.type for t in tenders for c in t.clauses} == set(ClauseType)
    assert sum(t.departments == ["34"] for t in tenders) >= 10
    again = runner.invoke(args=["demo"])
    assert "tenders=12" in again.output
    assert len(list(db.session.scalars(select(Tender)))) == 12
