"""Account operations as plain functions over a session; the caller commits."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.accounts.models import Organisation, Role, User
from procure.timeutil import aware

RESET_SALT = "procure.password-reset"
MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    """A request that cannot be honoured, with a message for the user."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def get_or_create_organisation(session: Session, name: str) -> Organisation:
    name = " ".join(name.split())
    # Exact name first: SQLite's lower() folds ASCII letters only ("Écoles" stays "Écoles").
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = session.scalar(
            select(Organisation).where(func.lower(Organisation.name) == name.lower())
        )
    if org is None:
        org = Organisation(name=name)
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
) -> User:
    email = normalise_email(email)
    if find_user(session, email) is not None:
        raise AccountError(_("Un compte existe déjà pour cette adresse e-mail."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            _("Le mot de passe doit faire au moins %(n)d caractères.", n=MIN_PASSWORD_LENGTH)
        )
    if role == Role.BUYER and organisation is None:
        raise AccountError(_("Un acheteur appartient à une organisation."))
    user = User(
        email=email,
        name=name,
        role=role,
        organisation=organisation,
        supplier_id=supplier_id,
        language=language,
    )
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = find_user(session, email)
    if user is None or not user.is_active or not user.check_password(password):
        return None
    return user


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _stamp(moment: datetime) -> str:
    return aware(moment).isoformat(timespec="microseconds")


def make_reset_token(user: User) -> str:
    """A signed token naming the user and the password it may replace: once the password
    changes, the token no longer matches, so a link works once."""
    return _serializer().dumps({"u": user.id, "p": _stamp(user.password_changed_at)})


def user_from_reset_token(session: Session, token: str) -> User:
    max_age = int(current_app.config["PASSWORD_RESET_MAX_AGE"])
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise AccountError(_("Ce lien a expiré : demandez-en un nouveau.")) from exc
    except BadSignature as exc:
        raise AccountError(_("Ce lien n'est pas valide.")) from exc
    user = session.get(User, data.get("u"))
    if user is None or _stamp(user.password_changed_at) != data.get("p"):
        raise AccountError(_("Ce lien a déjà servi : demandez-en un nouveau."))
    return user


def reset_password(session: Session, token: str, password: str) -> User:
    user = user_from_reset_token(session, token)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            _("Le mot de passe doit faire au moins %(n)d caractères.", n=MIN_PASSWORD_LENGTH)
        )
    user.set_password(password)
    session.flush()
    return user
