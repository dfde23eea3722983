"""Log-in sessions that the server can end.

Flask keeps its session in a signed cookie: without a server-side record, a cookie copied
before log-out (or before a password reset) stays valid until it expires. Each log-in gets a
row here; the session cookie and the remember-me cookie both carry ``"<user id>:<token>"``
(`User.get_id`), and the user loader accepts a cookie only while its row exists. One indexed
primary-key read per request; no write per request.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.orm import Session

from procure.accounts.models import LoginSession, User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User) -> str:
    """Record a new session for `user` and make `user.get_id()` name it."""
    token = secrets.token_urlsafe(32)
    session.add(LoginSession(token_hash=_hash(token), user_id=user.id))
    session.flush()
    user.session_token = token
    return token


def user_for_cookie(session: Session, value: str) -> User | None:
    """The user of a live session, or None (ended, forged, or an old cookie without token)."""
    user_id, _, token = value.partition(":")
    if not user_id.isdigit() or not token:
        return None
    row = session.get(LoginSession, _hash(token))
    if row is None or row.user_id != int(user_id):
        return None
    user = session.get(User, row.user_id)
    if user is not None:
        user.session_token = token
    return user


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(LoginSession).where(LoginSession.token_hash == _hash(token)))


def end_other_sessions(session: Session, user: User, keep: str | None = None) -> int:
    """End every session of `user` but `keep` (None: every one); return how many ended."""
    stmt = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        stmt = stmt.where(LoginSession.token_hash != _hash(keep))
    result = session.execute(stmt.execution_options(synchronize_session=False))
    return cast(CursorResult, result).rowcount
