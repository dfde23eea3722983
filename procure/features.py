"""The one place features are plugged in: each feature package has `setup.init_app(app)`
(blueprints, menu links, template helpers, commands, scheduled jobs), listed in FEATURES in
the order their menu links appear."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from procure.accounts import setup as accounts
from procure.api import init_api
from procure.commands import command_group
from procure.core.errors import register_error_handlers
from procure.dashboard import setup as dashboard
from procure.demo import demo_command
from procure.digests import setup as digests
from procure.feedback import setup as feedback
from procure.imports import setup as imports
from procure.loadbench import bench_load
from procure.matching import setup as matching
from procure.ocds import setup as ocds
from procure.scheduler import scheduler_command
from procure.spaser import setup as spaser
from procure.suppliers import setup as suppliers
from procure.tenders import setup as tenders

FEATURES: tuple[Callable[[Flask], None], ...] = (
    accounts.init_app,
    suppliers.init_app,
    imports.init_app,
    tenders.init_app,
    ocds.init_app,
    matching.init_app,
    digests.init_app,
    feedback.init_app,
    spaser.init_app,
    dashboard.init_app,
)


def register_features(app: Flask) -> None:
    for init_app in FEATURES:
        init_app(app)
    init_api(app)  # the API blueprints the features registered
    # flask-smorest installs JSON handlers for every HTTP error: the site's own handlers
    # (HTML pages, JSON only under /api/) are installed again after it.
    register_error_handlers(app)
    app.cli.add_command(demo_command)
    app.cli.add_command(scheduler_command)
    command_group(app, "bench").add_command(bench_load)
