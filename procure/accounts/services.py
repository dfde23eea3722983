"""Account operations as plain functions over a session; the caller commits."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from procure.accounts import tokens
from procure.accounts.models import (
    Organisation,
    OrganisationStatus,
    Role,
    User,
    organisation_key,
)
from procure.timeutil import aware, utcnow

MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    """A request that cannot be honoured, with a message for the user."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def find_organisation(session: Session, name: str) -> Organisation | None:
    """The organisation this name means, whatever its case, accents, spaces or punctuation."""
    name = " ".join(name.split())
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    key = organisation_key(name)
    if org is None and key:  # a name of punctuation only has no key to compare
        stmt = select(Organisation).where(Organisation.name_key == key)
        org = session.scalars(stmt.order_by(Organisation.id)).first()
    return org


def get_or_create_organisation(session: Session, name: str) -> Organisation:
    """For administrators' paths (imports, demo, commands): the organisation is approved.
    A buyer's sign-up never calls this (see `organisations.place_new_buyer`)."""
    org = find_organisation(session, name)
    if org is None:
        org = Organisation(name=" ".join(name.split()), status=OrganisationStatus.APPROVED)
        session.add(org)
        session.flush()
    return org


def create_user(
    session: Session,
    email: str,
    password: str,
    role: Role,
    *,
    name: str = "",
    organisation: Organisation | None = None,
    supplier_id: int | None = None,
    language: str = "fr",
    verified: bool = True,
) -> User:
    """`verified=False` for self-service sign-up: the address must be confirmed first. Every
    other caller (administrator, demo, invitation by a member) vouches for the address."""
    email = normalise_email(email)
    if find_user(session, email) is not None:
        raise AccountError(_("Un compte existe déjà pour cette adresse e-mail."))
    check_password_length(password)
    user = User(
        email=email,
        name=name,
        role=role,
        organisation=organisation,
        supplier_id=supplier_id,
        language=language,
        email_verified_at=utcnow() if verified else None,
    )
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


_DUMMY_HASH: list[str] = []


def burn_password_check(password: str) -> None:
    """Spend what a real password check costs, so that an unknown address is answered as
    slowly as a known one (the timing told them apart: about 120 ms against 9 ms)."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(generate_password_hash("procure-timing-equaliser"))
    check_password_hash(_DUMMY_HASH[0], password)


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = find_user(session, email)
    if user is None:
        burn_password_check(password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user


def check_password_length(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            _("Le mot de passe doit faire au moins %(n)d caractères.", n=MIN_PASSWORD_LENGTH)
        )


def _stamp(moment: datetime) -> str:
    return aware(moment).isoformat(timespec="microseconds")


def make_reset_token(user: User) -> str:
    """A signed token naming the user and the password it may replace: once the password
    changes, the token no longer matches, so a link works once."""
    return tokens.sign(tokens.RESET, {"u": user.id, "p": _stamp(user.password_changed_at)})


def make_decoy_reset_token() -> str:
    """A reset token naming no account (id 0 is never given): the same signing work as
    make_reset_token, for answers that must take as long whether or not an account exists."""
    return tokens.sign(tokens.RESET, {"u": 0, "p": _stamp(utcnow())})


def user_from_reset_token(session: Session, token: str) -> User:
    max_age = int(current_app.config["PASSWORD_RESET_MAX_AGE"])
    try:
        data = tokens.unsign(tokens.RESET, token, max_age)
    except tokens.TokenError as exc:
        raise AccountError(str(exc)) from exc
    user = session.get(User, data.get("u"))
    if user is None or _stamp(user.password_changed_at) != data.get("p"):
        raise AccountError(_("Ce lien a déjà servi : demandez-en un nouveau."))
    return user


def reset_password(session: Session, token: str, password: str) -> User:
    """The link reached its owner's mailbox, so it also confirms the address."""
    user = user_from_reset_token(session, token)
    check_password_length(password)
    user.set_password(password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    session.flush()
    return user
