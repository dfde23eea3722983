"""Sections other features add to a buyer's digest, without digests importing them.

A feature registers a provider in its `init_app` (`register_section(app, provider)`). Once per
digest run the provider is called with the reading session and the day (Europe/Paris); it
returns a function that gives, for each buyer, a `DigestSection` or None (nothing to say: no
empty section). The section names the two templates that render it (HTML and plain text,
included by `email/digest.html` and `email/digest.txt` with `section` in their context).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import Session

from procure.accounts.models import User

EXTENSION = "procure_digest_sections"


@dataclass(frozen=True, slots=True)
class DigestSection:
    key: str
    html_template: str
    text_template: str
    data: Any


SectionForUser = Callable[[User], DigestSection | None]
SectionProvider = Callable[[Session, date], SectionForUser]


def register_section(app: Flask, provider: SectionProvider) -> None:
    app.extensions.setdefault(EXTENSION, []).append(provider)


def section_builders(session: Session, today: date) -> list[SectionForUser]:
    """Each registered provider, started for one run."""
    providers: list[SectionProvider] = current_app.extensions.get(EXTENSION, [])
    return [provider(session, today) for provider in providers]


def sections_for(builders: list[SectionForUser], user: User) -> list[DigestSection]:
    return [s for s in (build(user) for build in builders) if s is not None]
