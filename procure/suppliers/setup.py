"""Wiring of the supplier registry into the app (`init_app`, listed in procure.features)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from procure.api import register_api
from procure.commands import command_group
from procure.core.nav import register_nav
from procure.domain.roles import Role
from procure.suppliers.admin_views import bp as admin_bp
from procure.suppliers.api import blp as api_blp
from procure.suppliers.bench import bench_import
from procure.suppliers.cli import import_suppliers_command
from procure.suppliers.views import bp
from procure.suppliers.web import area_label, audit_value, legal_form_label, status_label


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
    register_api(app, api_blp)
    register_nav(app, "suppliers.mine", _l("Ma structure"), [Role.SUPPLIER])
    register_nav(app, "suppliers_admin.index", _l("Structures"), [Role.ADMIN])
    app.jinja_env.globals.update(
        status_label=status_label, legal_form_label=legal_form_label, area_label=area_label
    )
    app.jinja_env.filters["audit_value"] = audit_value
    command_group(app, "import").add_command(import_suppliers_command)
    command_group(app, "bench").add_command(bench_import)
