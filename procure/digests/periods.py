"""Periods that make a message unique: the ISO week for weekly mail, the date for daily mail,
both in the configured time zone (Europe/Paris), so Monday 00:30 in Paris is already the new
week even though it is still Sunday in UTC."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app

from procure.accounts.models import Frequency


def local(now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


def week_key(now: datetime) -> str:
    year, week, _ = local(now).isocalendar()
    return f"{year}-W{week:02d}"


def day_key(now: datetime) -> str:
    return local(now).date().isoformat()


def period_for(frequency: Frequency | str, now: datetime) -> str:
    return day_key(now) if frequency == Frequency.DAILY else week_key(now)
