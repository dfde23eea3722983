"""The accounts blueprint and what its views share: starting and ending a session."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app
from flask_babel import get_locale
from flask_login import current_user, login_user, logout_user

from procure.accounts import sessions
from procure.accounts.models import User
from procure.extensions import db, login_manager
from procure.timeutil import aware

bp = Blueprint("accounts", __name__, url_prefix="/account")

login_manager.login_view = "accounts.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(value: str) -> User | None:
    """Session and remember-me cookies alike: only a session that still exists logs in."""
    return sessions.user_for_cookie(db.session, value)


def log_in(user: User, remember: bool = False) -> None:
    """Start a recorded session (commits) and sign the browser in."""
    sessions.start_session(db.session, user)
    db.session.commit()
    login_user(user, remember=remember)


def log_out_here() -> None:
    """End the current session on the server (commits): its cookie is worthless afterwards."""
    if current_user.is_authenticated:
        sessions.end_session(db.session, current_user.session_token)
        db.session.commit()
    logout_user()


def clock(moment: datetime) -> str:
    """A wall-clock time in Europe/Paris, rounded up to the minute: "14 h 05" in French."""
    zone = ZoneInfo(current_app.config.get("TIMEZONE", "Europe/Paris"))
    local = aware(moment).astimezone(zone)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if str(get_locale()) == "fr":
        return f"{local.hour} h {local.minute:02d}"
    return f"{local.hour}:{local.minute:02d}"
