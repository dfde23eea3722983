"""Wiring of the facilitator's dashboard (`init_app`, listed in procure.features)."""

from flask import Flask

from procure.dashboard.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
