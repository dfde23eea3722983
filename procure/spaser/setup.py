"""Wiring of the Spaser feature into the app: blueprints, menu links, CLI."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from procure.accounts.models import Role
from procure.core.nav import register_nav


def register_spaser(app: Flask) -> None:
    from procure.spaser.cli import register_cli
    from procure.spaser.dashboard_views import bp as dashboard_bp
    from procure.spaser.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(dashboard_bp)
    register_nav(app, "spaser_dashboard.dashboard", _l("Spaser"), [Role.BUYER, Role.ADMIN])
    register_cli(app)
