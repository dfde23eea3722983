"""Wiring of accounts into the app (`init_app`, listed in procure.features)."""

from __future__ import annotations

from flask import Flask

from procure.accounts.cli import users_cli
from procure.accounts.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
