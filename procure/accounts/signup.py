"""Self-service sign-up and address confirmation.

Sign-up answers the same whether or not the address has an account: a new address gets a
confirmation link, an existing one gets a note saying someone tried (and nothing changes).
Both paths hash a password and queue one outbox row, so they take the same time too.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from procure.accounts import mails, organisations, services, tokens
from procure.accounts.models import Role, User
from procure.timeutil import utcnow


def register(
    session: Session, role: Role, name: str, email: str, password: str, organisation: str
) -> int | None:
    """Create an unconfirmed account (or warn the owner of an existing one); return the id of
    the outbox row to send once the caller has committed."""
    existing = services.find_user(session, email)
    if existing is not None:
        generate_password_hash(password)  # the cost a new account pays, so timing says nothing
        return mails.queue_signup_notice(session, existing)
    # The account keeps the language its owner signed up in (e-mails, pages after log-in).
    language = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    user = services.create_user(
        session, email, password, role, name=name, language=language, verified=False
    )
    if role == Role.BUYER:
        organisations.place_new_buyer(session, user, organisation)
    return queue_confirmation(session, user)


def _max_age() -> int:
    return int(current_app.config["EMAIL_VERIFY_MAX_AGE"])


def queue_confirmation(session: Session, user: User) -> int | None:
    token = tokens.sign(tokens.VERIFY, {"u": user.id, "e": user.email})
    return mails.queue_verification(session, user, token, _max_age())


def resend(session: Session, email: str) -> int | None:
    """A new link for an unconfirmed account; nothing (and no sign of it) otherwise."""
    user = services.find_user(session, email)
    if user is None or user.is_verified or not user.is_active:
        return None
    return queue_confirmation(session, user)


def confirm(session: Session, token: str) -> User:
    """Confirm the address the token names; a token works once."""
    try:
        data = tokens.unsign(tokens.VERIFY, token, _max_age())
    except tokens.TokenError as exc:
        raise services.AccountError(str(exc)) from exc
    user = session.get(User, data.get("u"))
    if user is None or user.email != data.get("e"):
        raise services.AccountError(_("Ce lien n'est pas valide."))
    if user.is_verified:
        raise services.AccountError(_("Ce lien a déjà servi : connectez-vous."))
    user.email_verified_at = utcnow()
    session.flush()
    return user
