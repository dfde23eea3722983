"""Small factory functions for test data; each flushes and returns the object."""

from __future__ import annotations

import itertools

from stdnum import luhn

from procure.accounts import services as accounts
from procure.accounts.models import Role, User
from procure.extensions import db

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


def make_supplier(
    name: str,
    description: str,
    departments: list[str],
    *,
    kinds: list[str] | None = None,
    legal_form: str = "association",
    esus: bool = False,
    verified: bool = True,
    email: str = "",
    cpv_codes: list[str] | None = None,
):
    from procure.suppliers.models import Supplier, SupplierStatus

    siret = make_siret()
    supplier = Supplier(
        siret=siret,
        siren=siret[:9],
        name=name,
        legal_form=legal_form,
        esus=esus,
        description=description,
        cpv_codes=cpv_codes or [],
        email=email or f"{siret}@example.org",
        status=SupplierStatus.VERIFIED if verified else SupplierStatus.PENDING,
    )
    supplier.inclusion_kinds = kinds or []
    supplier.departments = departments
    db.session.add(supplier)
    db.session.commit()
    return supplier


def make_tender(
    reference: str,
    title: str,
    description: str,
    departments: list[str],
    *,
    organisation: str = "Ville de Test",
    clauses: list[dict] | None = None,
    status: str = "open",
    cpv_codes: list[str] | None = None,
):
    from procure.tenders.models import Clause, ClauseType, Tender, TenderStatus
    from procure.timeutil import utcnow

    org = accounts.get_or_create_organisation(db.session, organisation)
    tender = Tender(
        reference=reference,
        organisation_id=org.id,
        title=title,
        description=description,
        departments=departments,
        cpv_codes=cpv_codes or [],
        status=TenderStatus(status),
        opened_at=utcnow() if status == "open" else None,
    )
    for clause in clauses or []:
        tender.clauses.append(
            Clause(
                type=ClauseType(clause["type"]),
                hours=clause.get("hours"),
                weight=clause.get("weight"),
                text=clause.get("text"),
            )
        )
    db.session.add(tender)
    db.session.commit()
    return tender
