"""Absolute links put in e-mails, and the signed tokens of the links that need no log-in.

Tokens are itsdangerous signatures over the user (or supplier and tender) they act for,
with a salt per purpose: a token cannot be altered to name someone else, and an unsubscribe
token cannot be replayed as an interest answer. They do not expire: an unsubscribe link in a
year-old message must still work (RFC 8058), and answering a tender late is harmless.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from procure.mail.links import base_url

UNSUBSCRIBE_SALT = "procure.unsubscribe"
INTEREST_SALT = "procure.interest"


class BadToken(ValueError):
    """A link whose signature does not check out."""


def _serializer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


def unsubscribe_token(user_id: int) -> str:
    return _serializer(UNSUBSCRIBE_SALT).dumps({"u": user_id})


def user_id_from_unsubscribe_token(token: str) -> int:
    try:
        data = _serializer(UNSUBSCRIBE_SALT).loads(token)
    except BadSignature as exc:
        raise BadToken(token) from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise BadToken(token)
    return data["u"]


def interest_token(supplier_id: int, tender_id: int, answer: str) -> str:
    return _serializer(INTEREST_SALT).dumps({"s": supplier_id, "t": tender_id, "a": answer})


def interest_from_token(token: str) -> tuple[int, int, str]:
    """(supplier id, tender id, answer) signed into an alert's link."""
    try:
        data = _serializer(INTEREST_SALT).loads(token)
    except BadSignature as exc:
        raise BadToken(token) from exc
    try:
        return int(data["s"]), int(data["t"]), str(data["a"])
    except (KeyError, TypeError, ValueError) as exc:
        raise BadToken(token) from exc


def unsubscribe_url(user_id: int) -> str:
    return f"{base_url()}/notifications/unsubscribe/{unsubscribe_token(user_id)}"


def interest_url(supplier_id: int, tender_id: int, answer: str) -> str:
    return f"{base_url()}/notifications/interest/{interest_token(supplier_id, tender_id, answer)}"


def shortlist_url(reference: str) -> str:
    """The shortlist page of a tender (built by the tenders/matching pages)."""
    return f"{base_url()}/tenders/{quote(reference, safe='')}/shortlist"


def tender_url(reference: str) -> str:
    return f"{base_url()}/tenders/{quote(reference, safe='')}"


def preferences_url() -> str:
    return f"{base_url()}/account/notifications"
