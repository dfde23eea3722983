"""The tenders feature's timed job (contributed to the scheduler by `setup.init_app`):
closing the tenders whose deadline has passed."""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy.orm import Session

from procure.domain.localtime import LOCAL_ZONE, local_today
from procure.scheduler import Job, always, nightly
from procure.tenders.services import close_expired


def today_in_paris() -> date:
    """Deadlines are French calendar dates: "today" is today in the configured timezone."""
    try:
        zone = current_app.config.get("TIMEZONE", LOCAL_ZONE)
    except RuntimeError:  # outside an app context
        zone = LOCAL_ZONE
    return local_today(zone)


def close_expired_tenders(session: Session) -> str:
    """Daily: close open tenders whose deadline (a French calendar date) has passed, through
    the service, which records each change in the tender's history; commits once."""
    closed = close_expired(session, today_in_paris())
    session.commit()
    return f"closed={closed}"


JOBS = (Job("close_expired_tenders", close_expired_tenders, nightly, always),)
