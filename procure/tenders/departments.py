"""Départements as tender places of performance: a thin adapter over `procure.geo` that
answers None instead of raising (the validators collect every error at once) and also reads
département names ("Hérault"), which OCDS `region` fields often hold."""

from __future__ import annotations

import re

from anyascii import anyascii
from flask_babel import gettext as _

from procure import geo

NATIONAL = geo.NATIONAL


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).strip()


_BY_NAME = {_fold(geo.department_name(code)): code for code in geo.DEPARTMENT_CODES}


def normalise_department(value: object) -> str | None:
    """The INSEE code for `value` (a code such as 1, "01", "2a", "971", a name such as
    "Hérault", or "FR"), or None when it names no département."""
    if isinstance(value, bool) or value is None or not str(value).strip():
        return None
    try:
        return geo.normalise_department(str(value))
    except ValueError:
        return _BY_NAME.get(_fold(str(value)))


def department_name(code: str) -> str:
    try:
        return geo.department_name(code)
    except KeyError:
        return code


def in_department(code: str) -> str:
    """ "dans l'Hérault", "en Guadeloupe", "en France" for the national scope."""
    if code == NATIONAL:
        return "en France"
    try:
        return geo.in_department(code)
    except KeyError:
        return code


def department_from_postcode(postcode: object) -> str | None:
    try:
        return geo.department_from_postcode(str(postcode or ""))
    except ValueError:
        return None


def choices() -> list[tuple[str, str]]:
    """(code, "34 — Hérault") pairs for a form, national scope first (its words in the
    reader's language)."""
    return [(NATIONAL, f"FR — {_('France entière')}")] + [
        (code, f"{code} — {geo.department_name(code)}") for code in geo.DEPARTMENT_CODES
    ]
