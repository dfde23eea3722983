"""Signed, expiring tokens for the links procure e-mails (reset, confirm, invite).

Each purpose has its own salt, so a token made for one can never be used for another. What
makes a token single-use is in its payload and checked by its caller: the reset token names
the password it may replace, the confirmation token is spent once the address is confirmed.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

RESET = "procure.password-reset"
VERIFY = "procure.verify-email"
INVITE = "procure.invite"


class TokenError(ValueError):
    """A link that cannot be used, with a message for the user."""


def sign(salt: str, data: dict[str, Any]) -> str:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt).dumps(data)


def unsign(salt: str, token: str, max_age: int) -> dict[str, Any]:
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)
    try:
        data = serializer.loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError(_("Ce lien a expiré : demandez-en un nouveau.")) from exc
    except BadSignature as exc:
        raise TokenError(_("Ce lien n'est pas valide.")) from exc
    if not isinstance(data, dict):
        raise TokenError(_("Ce lien n'est pas valide."))
    return data
