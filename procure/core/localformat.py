"""Dates, times and amounts as a person reads them: in Europe/Paris (`TIMEZONE`), in the
reader's language (French by default, English on request)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from flask import current_app
from flask_babel import get_locale

from procure.timeutil import aware


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("TIMEZONE", "Europe/Paris"))


def long_date(value: date | None) -> str:
    """A calendar date in the reader's language: "15 janvier 2027", "January 15, 2027"."""
    return format_date(value, "long", locale=str(get_locale() or "fr")) if value else ""


def local_moment(value: datetime | None) -> str:
    """A stored UTC time in Europe/Paris, in the reader's language: "3 décembre 2026 14:05"."""
    if value is None:
        return ""
    zone = _zone()
    moment = aware(value).astimezone(zone)
    locale = str(get_locale() or "fr")
    day = format_date(moment.date(), "long", locale=locale)
    return f"{day} {format_time(moment, 'short', tzinfo=zone, locale=locale)}"


def money(value: float | None) -> str:
    """An amount in whole euros, grouped as the reader writes it: "185 001", "185,001"
    (the template adds the currency and "HT")."""
    if value is None:
        return ""
    return format_decimal(round(value), locale=str(get_locale() or "fr"))
