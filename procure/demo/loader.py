"""Demo data: three buyers, a facilitator, SSE suppliers of the Montpellier area, tenders.

Suppliers and tenders are read from files in the interchange formats (`procure/demo/data/`) and
go through the same importers as `procure import`, so the demo exercises the real paths.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.accounts import services as accounts
from procure.accounts.models import Role, User
from procure.suppliers.demo import SUPPLIER_USER, load_demo_suppliers
from procure.tenders.demo import load_demo_tenders

DATA = Path(__file__).parent / "data"
DEMO_PASSWORD = "demo-procure-2026"  # noqa: S105 - public by design, printed at start-up

BUYERS = [
    ("achats@montpellier3m.example.fr", "Claire Martin", "Montpellier Méditerranée Métropole"),
    ("marches@chu-montpellier.example.fr", "Karim Benali", "CHU de Montpellier"),
    ("commande-publique@sete.example.fr", "Julie Roux", "Ville de Sète"),
]
FACILITATOR = ("facilitateur@plie-montpellier.example.fr", "Sophie Garcia")

DEMO_LOGINS = [
    ("facilitator", FACILITATOR[0]),
    *[("buyer", email) for email, _, _ in BUYERS],
    ("supplier", SUPPLIER_USER[0]),
]


def load_demo(session: Session) -> str:
    """Load what is missing; the summary counts every user created (the supplier's too)."""
    users_before = _count_users(session)
    for email, name, org_name in BUYERS:
        if accounts.find_user(session, email) is None:
            org = accounts.get_or_create_organisation(session, org_name)
            accounts.create_user(
                session, email, DEMO_PASSWORD, Role.BUYER, name=name, organisation=org
            )
    if accounts.find_user(session, FACILITATOR[0]) is None:
        accounts.create_user(
            session, FACILITATOR[0], DEMO_PASSWORD, Role.ADMIN, name=FACILITATOR[1]
        )
    # Suppliers first: the tenders' advisor and shortlists read the registry.
    parts = [load_demo_suppliers(session, DEMO_PASSWORD), load_demo_tenders(session)]
    return " ".join([f"users={_count_users(session) - users_before}", *parts])


def _count_users(session: Session) -> int:
    session.flush()
    return session.scalar(select(func.count(User.id))) or 0
