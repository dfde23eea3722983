"""Dates in Europe/Paris in the reader's language, money, and codes as words."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from procure.core.formatting import day, label, money, period, when

# 3 December 2026 at 13:05 UTC is 14:05 in Paris (winter), 1 July 12:00 UTC is 14:00 (summer).
WINTER = datetime(2026, 12, 3, 13, 5, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "lang", "expected"),
    [
        (WINTER, "fr", "3 déc. 2026, 14:05"),
        (SUMMER, "fr", "1 juil. 2026, 14:00"),
        (WINTER, "en", "Dec 3, 2026, 2:05\u202fPM"),
        (WINTER.replace(tzinfo=None), "fr", "3 déc. 2026, 14:05"),  # SQLite's naive UTC
    ],
)
def test_moments_are_paris_time_in_the_readers_language(app_ctx, moment, lang, expected):
    with force_locale(lang):
        assert when(moment) == expected
    assert when(None) == ""


def test_long_moments_spell_the_month(app_ctx):
    with force_locale("fr"):
        assert when(WINTER, length="long") == "3 décembre 2026, 14:05"
    with force_locale("en"):
        assert when(WINTER, length="long").startswith("December 3, 2026")


def test_periods_read_as_weeks_and_days_and_outbox_keys_are_not_shown(app_ctx):
    with force_locale("fr"):
        assert period("2026-W49") == "semaine 49 de 2026"
        assert period("2026-11-28") == "28 nov. 2026"
        assert period("r12") == "—"  # a status e-mail's key: the decision it tells
    with force_locale("en"):
        assert period("2026-W49") == "week 49 of 2026"


def test_days_and_money(app_ctx):
    with force_locale("fr"):
        assert day(date(2027, 1, 15)) == "15 janv. 2027"
        assert day(date(2027, 1, 15), "long") == "15 janvier 2027"
        assert money(180000.5) == "180\u202f000,50\xa0€"
        assert money(185000) == "185\u202f000\xa0€"
        assert money(None) == "—"
    with force_locale("en"):
        assert day(date(2027, 1, 15)) == "Jan 15, 2027"
        assert money(180000.5) == "€180,000.50"


def test_codes_read_as_words_in_both_languages(app_ctx):
    with force_locale("fr"):
        assert label("pending", "message_status") == "en attente"
        assert label("sent", "message_status") == "envoyé"
        assert label("create", "audit_action") == "création"
        assert label("legal_form", "supplier_field") == "Forme juridique"
        assert label("scop", "legal_form") == "SCOP"
        assert label(None, "legal_form") == "—"
    with force_locale("en"):
        assert label("sent", "message_status") == "sent"
        assert label("legal_form", "supplier_field") == "Legal form"


def test_every_template_date_goes_through_the_filters():
    """No template formats a date by hand (strftime) or shows a raw ISO value."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if "strftime" in p.read_text(encoding="utf-8")
        or "isoformat" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
