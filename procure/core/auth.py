"""Authorisation decorators shared by every feature's views."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from procure.domain.roles import Role


def role_required(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Anonymous visitors go to log-in; signed-in users of another role get 403; a buyer
    whose organisation a facilitator has not approved (or who only asked to join one) is
    sent to their account page, which says what they are waiting for."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            if current_user.role == Role.BUYER and not current_user.may_act_as_buyer:
                flash(
                    _(
                        "Votre organisation n'est pas encore validée par un facilitateur : "
                        "vous ne pouvez ni publier ni consulter de marchés pour l'instant."
                    ),
                    "error",
                )
                return redirect(url_for("accounts.account"))
            return view(*args, **kwargs)

        return wrapped

    return decorator


admin_required = role_required(Role.ADMIN)
