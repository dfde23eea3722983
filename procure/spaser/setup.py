"""Wiring of the Spaser feature (`init_app`, listed in procure.features): blueprints, the
API blueprint, menu links and its commands."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from procure.api import register_api
from procure.core.nav import register_nav
from procure.digests.sections import register_section
from procure.domain.roles import Role
from procure.spaser.api import blp as api_blp
from procure.spaser.cli import register_cli
from procure.spaser.dashboard_views import bp as dashboard_bp
from procure.spaser.digest_section import renewal_provider
from procure.spaser.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(dashboard_bp)
    register_api(app, api_blp)
    register_nav(app, "spaser_dashboard.dashboard", _l("Spaser"), [Role.BUYER, Role.ADMIN])
    register_cli(app)
    register_section(app, renewal_provider)
