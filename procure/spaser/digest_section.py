"""The renewal radar in a buyer's weekly digest ("Contrats à renouveler"): the contracts of
the buyer's organisation ending in the next 12 months that verified SSE suppliers of the
registry can take in the place, so that the buyer plans a reservation or a clause in time.

Plugged into the digests by `register_section` (digests never import spaser). The SSE
suppliers by trade are read from the registry index once per run, and only when some buyer
has a contract ending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from procure.accounts.models import User
from procure.digests.links import base_url
from procure.digests.sections import DigestSection, SectionForUser
from procure.spaser.radar import SuppliersByTrade, renewals, sse_suppliers_by_trade

SHOWN = 10  # contracts listed in the mail; the dashboard has them all


@dataclass(frozen=True, slots=True)
class RenewalLine:
    objet: str
    ends_on: date
    amount: float
    suppliers: int  # verified SSE suppliers of the registry serving the trade in the place


@dataclass(frozen=True, slots=True)
class RenewalSection:
    lines: list[RenewalLine]
    more: int  # contracts ending beyond the SHOWN listed
    radar_url: str


def radar_url() -> str:
    return f"{base_url()}/spaser/#renewals"


def renewal_provider(session: Session, today: date) -> SectionForUser:
    cached: list[SuppliersByTrade] = []

    def by_trade() -> SuppliersByTrade:
        if not cached:
            cached.append(sse_suppliers_by_trade(session))
        return cached[0]

    def for_user(user: User) -> DigestSection | None:
        org = user.organisation
        if org is None or not org.siret:
            return None
        found = renewals(session, org.siret, today, by_trade=by_trade)
        if not found:
            return None
        lines = [RenewalLine(r.objet, r.ends_on, r.amount, len(r.suppliers)) for r in found]
        section = RenewalSection(lines[:SHOWN], max(0, len(lines) - SHOWN), radar_url())
        return DigestSection("renewals", "email/_renewals.html", "email/_renewals.txt", section)

    return for_user
