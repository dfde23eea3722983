"""The scheduled closing of tenders whose deadline has passed (run by the scheduler)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from procure.extensions import db
from procure.tenders.services import close_expired


def today_in_paris() -> date:
    """Deadlines are French calendar dates: "today" is today in the configured timezone."""
    try:
        zone = ZoneInfo(current_app.config.get("TIMEZONE", "Europe/Paris"))
    except RuntimeError:  # outside an app context
        zone = ZoneInfo("Europe/Paris")
    return datetime.now(zone).date()


def close_expired_job() -> int:
    """Thin job wrapper (inside an app context): close past-deadline tenders, commit once."""
    closed = close_expired(db.session, today_in_paris())
    db.session.commit()
    return closed
