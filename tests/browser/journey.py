"""Steps the browser journeys share: log in and out through the page header, follow the menu,
read the e-mails the file outbox holds, and which language × width variants run where."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import expect

from tests.browser.a11y import Tour
from tests.factories import PASSWORD

# Every journey that is walked four times: French and English, on a desktop and on a phone.
EVERY_VARIANT = [("fr", 1280), ("fr", 375), ("en", 1280), ("en", 375)]


def ids(variants: list[tuple[str, int]]) -> list[str]:
    return [f"{lang}-{width}" for lang, width in variants]


def first_variant_only_on_postgres(app: Flask, lang: str, width: int, first: tuple) -> None:
    """Every variant runs on SQLite; PostgreSQL gets the first one (browser time)."""
    if app.config["DATABASE_URL"].startswith("postgresql") and (lang, width) != first:
        pytest.skip("PostgreSQL runs the first variant only (browser time)")


def log_in(tour: Tour, email: str, password: str = PASSWORD, check: bool = False) -> None:
    tour.go("/account/login")
    if check:
        tour.check("login")
    form = tour.page.locator("main form")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    expect(tour.page.locator("header.site form button")).to_have_text(tour.t("Se déconnecter"))


def log_out(tour: Tour) -> None:
    tour.page.locator("header.site form button").click()
    expect(tour.page.locator("header.site form button")).to_have_count(0)


def nav(tour: Tour, label: str) -> None:
    tour.page.locator("header nav").get_by_role("link", name=tour.t(label), exact=True).click()


def mails_to(outbox: Path, address: str) -> list[EmailMessage]:
    """The e-mails delivered to `address` in the file outbox (MAIL_SERVER empty), oldest first."""
    found = []
    for path in sorted(outbox.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        if message["To"] == address:
            found.append(message)
    return found


def plain_text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None, message["Subject"]
    return str(body.get_content())  # type: ignore[attr-defined]
