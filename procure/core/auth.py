"""Authorisation decorators shared by every feature's views."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required

from procure.domain.roles import Role


def role_required(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Anonymous visitors go to log-in; signed-in users of another role get 403."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


admin_required = role_required(Role.ADMIN)
