"""The factories of test data, one per entity, for every test: each commits and returns the
object."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from stdnum import luhn

from procure.accounts import services as accounts
from procure.accounts.models import Role, User
from procure.domain.localtime import utcnow
from procure.extensions import db
from procure.suppliers.models import Supplier, SupplierStatus
from procure.suppliers.services import IMPORT, create_supplier
from procure.suppliers.validation import SupplierData
from procure.tenders.models import Clause, ClauseType, Tender, TenderStatus

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


def make_siret(n: int | None = None) -> str:
    """A Luhn-valid SIRET whose SIREN is Luhn-valid too."""
    n = next(_seq) if n is None else n
    siren_body = f"8{n:07d}"
    siren = siren_body + luhn.calc_check_digit(siren_body)
    body = siren + f"{n % 10000:04d}"
    return body + luhn.calc_check_digit(body)


def make_user(
    role: Role, email: str | None = None, organisation: str | None = None, **kwargs: object
) -> User:
    email = email or f"{role}{next(_seq)}@example.org"
    org = None
    if role == Role.BUYER:
        org = accounts.get_or_create_organisation(db.session, organisation or "Ville de Test")
    user = accounts.create_user(db.session, email, PASSWORD, role, organisation=org, **kwargs)
    db.session.commit()
    return user


def make_buyer(email: str | None = None, organisation: str | None = None) -> User:
    return make_user(Role.BUYER, email, organisation)


def make_admin(email: str | None = None) -> User:
    return make_user(Role.ADMIN, email)


GREEN_SPACES = (
    "Entretien des espaces verts, tonte, taille de haies et débroussaillage par une équipe "
    "en insertion."
)
GREEN_TENDER = "Tonte des pelouses, taille des haies et débroussaillage des parcs."


def make_supplier(
    name: str = "Les Jardins de Cocagne",
    description: str = GREEN_SPACES,
    departments: Iterable[str] = ("34",),
    kinds: Iterable[str] = (),
    *,
    legal_form: str = "association",
    esus: bool = False,
    cpv_codes: Iterable[str] = (),
    status: SupplierStatus = SupplierStatus.VERIFIED,
    email: str = "",
    **fields: Any,
) -> Supplier:
    """A supplier written by the registry's own service (normalised search text, audit
    entry), verified unless `status` says otherwise; committed. `fields`: postcode, city,
    website, employees."""
    siret = make_siret()
    data = SupplierData(
        siret=siret,
        name=name,
        legal_form=legal_form,
        inclusion_kinds=list(kinds),
        esus=esus,
        description=description,
        cpv_codes=list(cpv_codes),
        departments=list(departments),
        email=email or f"{siret}@example.org",
        **fields,
    )
    supplier = create_supplier(db.session, data, IMPORT, status)
    db.session.commit()
    return supplier


def make_tender(
    title: str = "Entretien des espaces verts de la ville",
    description: str = GREEN_TENDER,
    departments: Iterable[str] = ("34",),
    *,
    buyer: User | None = None,
    organisation: str = "Ville de Test",
    reference: str | None = None,
    clauses: Iterable[dict[str, Any]] = (),
    cpv_codes: Iterable[str] = (),
    status: TenderStatus | str = TenderStatus.OPEN,
    deadline: date | None = None,
    opened_days_ago: int = 1,
) -> Tender:
    """A tender of `buyer`'s organisation (else of `organisation`), open since yesterday
    with a deadline in a month unless told otherwise; committed. `clauses` in the tenders
    JSON format ({"type": "insertion", "hours": 300})."""
    status = TenderStatus(status)
    org_id = (
        buyer.organisation_id
        if buyer is not None
        else accounts.get_or_create_organisation(db.session, organisation).id
    )
    tender = Tender(
        reference=reference or f"T-{next(_seq):05d}",
        organisation_id=org_id,
        created_by_id=buyer.id if buyer is not None else None,
        title=title,
        description=description,
        departments=list(departments),
        cpv_codes=list(cpv_codes),
        deadline=deadline or date.today() + timedelta(days=30),
        status=status,
        opened_at=utcnow() - timedelta(days=opened_days_ago)
        if status in (TenderStatus.OPEN, TenderStatus.CLOSED)
        else None,
    )
    tender.clauses = [
        Clause(
            type=ClauseType(c["type"]),
            hours=c.get("hours"),
            weight=c.get("weight"),
            text=c.get("text"),
        )
        for c in clauses
    ]
    db.session.add(tender)
    db.session.commit()
    return tender
