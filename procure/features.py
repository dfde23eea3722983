"""Blueprints, API blueprints and CLI commands of every feature, registered in one place."""

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
    from procure.digests.bench import bench_digests
    from procure.digests.cli import digest_cli
    from procure.digests.views import register_digests
    from procure.loadbench import bench_load
    from procure.matching.api import blp as shortlist_api
    from procure.matching.cli import bench_match_command, match_command
    from procure.matching.templating import register_templating
    from procure.matching.views import bp as matching_bp
    from procure.scheduler import scheduler_command
    from procure.suppliers.api import blp as suppliers_api
    from procure.suppliers.bench import bench_import
    from procure.suppliers.cli import import_suppliers_command
    from procure.suppliers.web import init_suppliers
    from procure.tenders.api import bp as tenders_api
    from procure.tenders.setup import register_tenders

    # Web.
    app.register_blueprint(accounts_bp)
    init_suppliers(app)
    register_tenders(app)
    app.register_blueprint(matching_bp)
    register_templating(app)
    register_nav(app, "matching.for_you", _l("Marchés pour vous"), [Role.SUPPLIER])
    # API.
    init_api(app, [suppliers_api, tenders_api, shortlist_api])
    # flask-smorest installs JSON handlers for every HTTP error: the site's own handlers
    # (HTML pages, JSON only under /api/) are installed again after it.
    register_error_handlers(app)
    # Command line.
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(digest_cli)
    register_digests(app)
    app.cli.add_command(scheduler_command)
    bench_cli.add_command(bench_digests)
    app.cli.add_command(match_command)
    import_group(app).add_command(import_suppliers_command)
    app.cli.add_command(bench_cli)
    bench_cli.add_command(bench_match_command)
    bench_cli.add_command(bench_import)
    bench_cli.add_command(bench_load)
