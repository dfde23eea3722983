"""Time helpers: the database stores naive UTC on SQLite and aware UTC on PostgreSQL;
everything in Python is aware UTC."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes: they are UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
