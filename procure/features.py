"""Blueprints and CLI groups of every feature package, registered in one place."""

from flask import Flask


def register_features(app: Flask) -> None:
    from procure.accounts.cli import users_cli
    from procure.accounts.views import bp as accounts_bp
    from procure.demo import demo_command

    app.register_blueprint(accounts_bp)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
