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
