"""Bearer-token authentication for the API."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import cache, wraps
from typing import Any

from flask import g, request
from flask_babel import refresh
from flask_smorest import abort
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, joinedload

from procure.accounts.models import Role, User
from procure.api.models import ApiToken
from procure.extensions import db
from procure.timeutil import aware, utcnow

# The token's last use is recorded to within this much: writing it on every
# request cost an UPDATE and a commit per API call.
LAST_USE_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, user: User, name: str = "") -> str:
    """Store a new token for `user`; return the clear token (shown once)."""
    token = "pk_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=_digest(token)))
    session.flush()
    return token


@cache
def _token_query() -> Select[ApiToken]:
    """Built once, at the first call (the mappers are configured by then): constructing the
    statement cost about as much as running it, on every API call."""
    return (
        select(ApiToken)
        .where(ApiToken.token_hash == bindparam("digest"), ApiToken.revoked.is_(False))
        .options(joinedload(ApiToken.user).joinedload(User.organisation))
    )


def user_for_token(session: Session, token: str) -> User | None:
    """The active user a live token belongs to (token, user and organisation in one query);
    the token's last use is written at most once per LAST_USE_EVERY, not on every request."""
    row = session.scalars(_token_query(), {"digest": _digest(token)}).first()
    if row is None or not row.user.is_active:
        return None
    now = utcnow()
    if row.last_used_at is None or now - aware(row.last_used_at) >= LAST_USE_EVERY:
        row.last_used_at = now
        # committed on its own (before the view runs, nothing else is pending): a read-only
        # request commits nothing, which used to leave the last use unrecorded
        session.commit()
    return row.user


def current_api_user() -> User:
    return g.api_user


def token_required(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """401 without a valid bearer token; 403 when the token's user has another role."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            user = None
            if scheme.lower() == "bearer" and token.strip():
                user = user_for_token(db.session, token.strip())
            if user is None:
                abort(401, message="A valid bearer token is required.")
            if roles and user.role not in roles:
                abort(403, message="This token's account may not use this endpoint.")
            if user.role == Role.BUYER and not user.may_act_as_buyer:
                abort(403, message="This buyer's organisation is not approved yet.")
            g.api_user = user
            refresh()  # the answer's language is now the token's (procure.core.i18n)
            return view(*args, **kwargs)

        return wrapped

    return decorator
