"""Time helpers. The database stores naive UTC on SQLite and aware UTC on PostgreSQL;
everything in Python is aware UTC, and people read dates in the local zone (Europe/Paris by
default, `TIMEZONE` in the settings): deadlines and digest weeks are French calendar dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import overload
from zoneinfo import ZoneInfo

LOCAL_ZONE = "Europe/Paris"


def utcnow() -> datetime:
    return datetime.now(UTC)


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes: they are UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def local(moment: datetime, zone: str = LOCAL_ZONE) -> datetime:
    """A moment (aware, or naive UTC from SQLite) as the clock on the wall reads it."""
    return aware(moment).astimezone(ZoneInfo(zone))


def local_today(zone: str = LOCAL_ZONE, now: datetime | None = None) -> date:
    """Today's calendar date in the local zone (a deadline "passes" at local midnight)."""
    return local(now or utcnow(), zone).date()


def local_text(moment: datetime | None, zone: str = LOCAL_ZONE) -> str:
    """ "03/12/2026 14:05": a stored moment as a French reader expects it."""
    return "" if moment is None else local(moment, zone).strftime("%d/%m/%Y %H:%M")
