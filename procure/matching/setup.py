"""Wiring of the matcher (`init_app`, listed in procure.features): the "Marchés pour vous"
and trade-correction pages, the shortlist API, `procure match`, `procure trades`, `procure
bench match`, the template helpers that name trades, the answers to what tenders ask the
matcher (procure.tenders.matcher), and the index shared after a bulk import."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from procure.api import register_api
from procure.commands import command_group
from procure.core.nav import register_nav
from procure.domain.roles import Role
from procure.events import AFTER_BULK_IMPORT
from procure.matching.api import blp as shortlist_api
from procure.matching.cli import bench_match_command, match_command, trades_cli
from procure.matching.questions import MatcherQuestions
from procure.matching.reasons import current_language
from procure.matching.service import publish_index
from procure.matching.trades import trade_label
from procure.matching.views import bp
from procure.tenders.matcher import use_matcher


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    register_api(app, shortlist_api)
    use_matcher(app, MatcherQuestions())  # what tenders ask the matcher
    app.jinja_env.globals.update(trade_label=trade_label, current_language=current_language)
    register_nav(app, "matching.for_you", _l("Marchés pour vous"), [Role.SUPPLIER])
    app.cli.add_command(match_command)
    app.cli.add_command(trades_cli)
    command_group(app, "bench").add_command(bench_match_command)
    # after a bulk import, the index is rebuilt by the import's process and shared
    app.extensions.setdefault(AFTER_BULK_IMPORT, []).append(publish_index)
