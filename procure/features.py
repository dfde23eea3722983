"""Blueprints and CLI groups of every feature package, registered in one place."""

from flask import Flask


def register_features(app: Flask) -> None:
    from procure.accounts.cli import users_cli
    from procure.accounts.views import bp as accounts_bp
    from procure.api import init_api
    from procure.bench import bench_cli
    from procure.core.errors import register_error_handlers
    from procure.demo import demo_command
    from procure.tenders.api import bp as tenders_api
    from procure.tenders.setup import register_tenders

    app.register_blueprint(accounts_bp)
    register_tenders(app)
    # Each feature lists its API blueprint here.
    init_api(app, [tenders_api])
    # flask-smorest installs JSON handlers for every HTTP error: the site's own handlers
    # (HTML pages, JSON only under /api/) are installed again after it.
    register_error_handlers(app)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(bench_cli)
