"""Blueprints and CLI groups of every feature package, registered in one place."""

import click
from flask import Flask
from flask_babel import lazy_gettext as _l

from procure.accounts.models import Role
from procure.core.nav import register_nav


def import_group(app: Flask) -> click.Group:
    """The `procure import ...` group, shared by the features that import files."""
    group = app.cli.commands.get("import")
    if group is None:
        group = click.Group("import", help="Import suppliers or tenders from files.")
        app.cli.add_command(group)
    return group


def register_features(app: Flask) -> None:
    from procure.accounts.cli import users_cli
    from procure.accounts.views import bp as accounts_bp
    from procure.api import init_api
    from procure.bench import bench_cli
    from procure.core.errors import register_error_handlers
    from procure.demo import demo_command
    from procure.matching.api import blp as shortlist_api
    from procure.matching.cli import bench_match_command, match_command
    from procure.matching.trades import trade_label
    from procure.matching.views import bp as matching_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(matching_bp)
    app.jinja_env.globals["trade_label"] = trade_label
    # Each feature lists its API blueprint here.
    from procure.suppliers.api import blp as suppliers_api

    init_api(app, [shortlist_api, suppliers_api])
    # flask-smorest installs JSON handlers for every HTTP error: the site's own handlers
    # (HTML pages, JSON only under /api/) are installed again after it.
    register_error_handlers(app)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(bench_cli)
    app.cli.add_command(match_command)
    bench_cli.add_command(bench_match_command)
    register_nav(app, "matching.for_you", _l("Marchés pour vous"), [Role.SUPPLIER])
    # Suppliers (registry).
    from procure.suppliers.cli import import_suppliers_command
    from procure.suppliers.web import init_suppliers

    init_suppliers(app)
    from procure.suppliers.bench import bench_import

    bench_cli.add_command(bench_import)
    import_group(app).add_command(import_suppliers_command)
