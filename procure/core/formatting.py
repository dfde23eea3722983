"""What a person reads: dates and times in Europe/Paris in the reader's language, money in
euros, and every stored code (statuses, kinds, actions, field names) as words.

One set of Jinja filters, registered once for every template:
`{{ moment | when }}`, `{{ day | day }}`, `{{ amount | money }}`, `{{ share | percent }}`,
`{{ code | label("status") }}`, `{{ words | colon }}`.
The same functions serve views and e-mails (`when(moment, length="long")`, `day(d, "long")`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_currency, format_decimal, format_percent
from flask import Flask, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from procure.timeutil import aware

DEFAULT_ZONE = "Europe/Paris"

# Each family of codes a person may meet, with its words. Source strings are French.
LABELS: dict[str, dict[Any, Any]] = {
    "supplier_status": {
        "pending": _l("en attente de vérification"),
        "verified": _l("vérifiée"),
        "rejected": _l("refusée"),
    },
    "tender_status": {
        "draft": _l("brouillon"),
        "submitted": _l("soumis"),
        "open": _l("ouvert"),
        "rejected": _l("refusé"),
        "closed": _l("clos"),
    },
    "message_status": {
        "pending": _l("en attente"),
        "sending": _l("en cours d'envoi"),
        "sent": _l("envoyé"),
        "failed": _l("échec"),
        "cancelled": _l("annulé"),
    },
    "message_kind": {
        "digest": _l("récapitulatif acheteur"),
        "alert": _l("alerte structure"),
        "status": _l("avis de décision"),
        "reset": _l("mot de passe"),
    },
    "audit_action": {
        "create": _l("création"),
        "update": _l("modification"),
        "status": _l("changement de statut"),
        "import.create": _l("création par import"),
        "import.update": _l("modification par import"),
        "api.create": _l("création par l'API"),
        "api.update": _l("modification par l'API"),
    },
    "supplier_field": {
        "siret": _l("SIRET"),
        "name": _l("Nom"),
        "legal_form": _l("Forme juridique"),
        "inclusion_kinds": _l("Statuts d'inclusion"),
        "esus": _l("Agrément ESUS"),
        "description": _l("Description"),
        "cpv_codes": _l("Codes CPV"),
        "departments": _l("Zone d'intervention"),
        "postcode": _l("Code postal"),
        "city": _l("Ville"),
        "email": _l("E-mail"),
        "website": _l("Site web"),
        "employees": _l("Effectif"),
        "status": _l("Statut"),
        "rejection_reason": _l("Motif du refus"),
        "updated_at": _l("Mis à jour le"),
        "trades": _l("Métiers"),
    },
    "legal_form": {
        "association": _l("Association"),
        "scop": _l("SCOP"),
        "scic": _l("SCIC"),
        "cooperative": _l("Autre coopérative"),
        "mutual": _l("Mutuelle"),
        "foundation": _l("Fondation"),
        "company": _l("Société commerciale"),
    },
    "clause": {
        "reserved_disability": _l("Marché réservé aux EA / ESAT (L2113-12)"),
        "reserved_inclusion": _l("Marché réservé aux SIAE (L2113-13)"),
        "reserved_ess": _l("Marché réservé aux entreprises de l'ESS (L2113-15)"),
        "insertion": _l("Clause d'insertion"),
        "social_criterion": _l("Critère d'attribution social"),
        "environmental": _l("Exigence environnementale"),
    },
    "answer": {
        "interested": _l("intéressé"),
        "not_interested": _l("pas intéressé"),
    },
    "role": {
        "buyer": _l("acheteur public"),
        "supplier": _l("structure de l'ESS"),
        "admin": _l("facilitateur"),
    },
    "frequency": {
        "weekly": _l("chaque semaine"),
        "daily": _l("chaque jour"),
        "off": _l("jamais"),
    },
    "yes_no": {"yes": _l("oui"), "no": _l("non"), True: _l("oui"), False: _l("non")},
}


def _locale() -> str:
    return str(get_locale() or "fr")


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("TIMEZONE", DEFAULT_ZONE))


def local(moment: datetime) -> datetime:
    """A stored moment (aware UTC, or naive UTC from SQLite) in the configured time zone."""
    return aware(moment).astimezone(_zone())


def when(
    moment: datetime | None,
    locale: str | None = None,
    length: Literal["full", "long", "medium", "short"] = "medium",
) -> str:
    """'3 déc. 2026, 14:05' in French, 'Dec 3, 2026, 2:05 PM' in English, Paris time;
    length 'long': '3 décembre 2026 à 14:05', 'December 3, 2026 at 2:05 PM'."""
    if moment is None:
        return ""
    locale = locale or _locale()
    moment = local(moment)
    day_part = format_date(moment.date(), length, locale=locale)
    time_part = format_time(moment.time(), "short", locale=locale)
    pattern = str(get_datetime_format(length, locale=locale)).replace("'", "")
    return pattern.replace("{1}", day_part).replace("{0}", time_part)


def day(value: date | datetime | None, length: str = "medium", locale: str | None = None) -> str:
    """A calendar day: '3 déc. 2026' / 'Dec 3, 2026' (length 'long': '3 décembre 2026')."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = local(value).date()
    return format_date(value, length, locale=locale or _locale())


def money(value: float | int | str | None, locale: str | None = None) -> str:
    """'180 000 €', '180 000,50 €' in French; '€180,000.50' in English."""
    if value in (None, ""):
        return "—"
    amount = float(value)
    locale = locale or _locale()
    if amount.is_integer():  # no ",00" on round amounts
        pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(amount, "EUR", locale=locale, format=pattern, currency_digits=False)
    return format_currency(amount, "EUR", locale=locale)


def number(value: float | int | str | None, locale: str | None = None) -> str:
    if value in (None, ""):
        return "—"
    return format_decimal(value, locale=locale or _locale())


def percent(value: float | None, digits: int = 1, locale: str | None = None) -> str:
    """A share (0.6 for 60 %) with `digits` decimals: '60,0 %' in French, '60.0%' in English."""
    if value is None:
        return "—"
    locale = locale or _locale()
    pattern = Locale.parse(locale).percent_formats[None].pattern
    if digits:
        head, _zero, tail = pattern.rpartition("0")
        pattern = f"{head}0.{'0' * digits}{tail}"
    return format_percent(value, pattern, locale=locale)


def decimal(value: float | int, locale: str | None = None) -> str:
    """A number for a spreadsheet cell read as text: no grouping, the language's decimal
    mark ('0,7619' in French, '0.7619' in English)."""
    return format_decimal(
        value, locale=locale or _locale(), group_separator=False, decimal_quantization=False
    )


def colon(text: object = "", mark: str = ":", locale: str | None = None) -> str:
    """`text` followed by a colon (or `mark`: ';', '!', '?') as the language writes it:
    'Voir le marché\u00a0:' in French (no-break space before), 'See the tender:' in English.
    Template words end with `{{ _("Voir le marché") | colon }} {{ url }}`."""
    language = (locale or _locale()).split("_")[0]
    return f"{text}\u00a0{mark}" if language == "fr" else f"{text}{mark}"


def period(value: str | None) -> str:
    """A message's period: ISO week "2026-W49" as "semaine 49 de 2026" / "week 49 of 2026",
    ISO day "2026-11-28" as a day. Other periods are the outbox's own keys (a status e-mail's
    "r12": the decision it tells), which mean nothing to a person: "—"."""
    if not value:
        return "—"
    year, sep, week = value.partition("-W")
    if sep and year.isdigit() and week.isdigit():
        return str(_l("semaine %(week)s de %(year)s", week=int(week), year=year))
    try:
        return day(date.fromisoformat(value))
    except ValueError:
        return "—"


def label(code: Any, family: str) -> str:
    """The words for a stored code; an unknown code is shown as it is."""
    if code is None or code == "":
        return "—"
    labels = LABELS[family]
    key: Any = code if isinstance(code, bool) else str(code)
    return str(labels.get(key, code))


def register_formatting(app: Flask) -> None:
    app.jinja_env.filters.update(
        when=when,
        day=day,
        money=money,
        number=number,
        colon=colon,
        percent=percent,
        label=label,
        period=period,
    )
