"""The absolute address of the site, for the links put in e-mails."""

from __future__ import annotations

from flask import current_app


def base_url() -> str:
    return current_app.config["BASE_URL"].rstrip("/")
