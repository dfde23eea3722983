"""The one place features are plugged in: each feature package has `setup.init_app(app)`
(blueprints, menu links, template helpers, commands, scheduled jobs), listed in FEATURES in
the order their menu links appear."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask_babel import lazy_gettext as _l

from procure.accounts import setup as accounts
from procure.api import init_api
from procure.commands import command_group
from procure.core.errors import register_error_handlers
from procure.core.nav import register_nav
from procure.dashboard import setup as dashboard
from procure.demo import demo_command
from procure.digests import setup as digests
from procure.domain.roles import Role
from procure.feedback import setup as feedback
from procure.imports import setup as imports
from procure.imports.services import AFTER_BULK_IMPORT
from procure.loadbench import bench_load
from procure.matching.api import blp as shortlist_api
from procure.matching.cli import bench_match_command, match_command, trades_cli
from procure.matching.questions import MatcherQuestions
from procure.matching.service import publish_index
from procure.matching.templating import register_templating
from procure.matching.views import bp as matching_bp
from procure.ocds import setup as ocds
from procure.scheduler import scheduler_command
from procure.spaser import setup as spaser
from procure.spaser.api import blp as spaser_api
from procure.suppliers import setup as suppliers
from procure.suppliers.api import blp as suppliers_api
from procure.tenders import setup as tenders
from procure.tenders.api import bp as tenders_api
from procure.tenders.matcher import use_matcher


def matching_init_app(app: Flask) -> None:
    """The matcher's wiring, kept here until procure/matching has its own `setup.init_app`
    (with what `register_templating` does), like the other features."""
    app.register_blueprint(matching_bp)
    use_matcher(app, MatcherQuestions())  # what tenders ask the matcher (procure.tenders.matcher)
    register_templating(app)
    register_nav(app, "matching.for_you", _l("Marchés pour vous"), [Role.SUPPLIER])
    app.cli.add_command(match_command)
    app.cli.add_command(trades_cli)
    command_group(app, "bench").add_command(bench_match_command)
    # after a bulk import, the index is rebuilt by the import's process and shared
    app.extensions.setdefault(AFTER_BULK_IMPORT, []).append(publish_index)


FEATURES: tuple[Callable[[Flask], None], ...] = (
    accounts.init_app,
    suppliers.init_app,
    imports.init_app,
    tenders.init_app,
    ocds.init_app,
    matching_init_app,
    digests.init_app,
    feedback.init_app,
    spaser.init_app,
    dashboard.init_app,
)
API_BLUEPRINTS = (suppliers_api, tenders_api, shortlist_api, spaser_api)


def register_features(app: Flask) -> None:
    for init_app in FEATURES:
        init_app(app)
    init_api(app, list(API_BLUEPRINTS))
    # flask-smorest installs JSON handlers for every HTTP error: the site's own handlers
    # (HTML pages, JSON only under /api/) are installed again after it.
    register_error_handlers(app)
    app.cli.add_command(demo_command)
    app.cli.add_command(scheduler_command)
    command_group(app, "bench").add_command(bench_load)
