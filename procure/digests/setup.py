"""Wiring of the digests feature into the app (`init_app`, listed in procure.features):
blueprints, menu links, `procure digest`, `procure bench digests` and its scheduled jobs."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from procure.commands import command_group
from procure.core.nav import register_nav
from procure.digests import jobs, status
from procure.digests.admin import bp as admin_bp
from procure.digests.bench import bench_digests
from procure.digests.cli import digest_cli
from procure.digests.labels import kind_label, status_label
from procure.digests.views import bp
from procure.domain.roles import Role
from procure.scheduler import register_jobs


def init_app(app: Flask) -> None:
    status.connect()
    app.jinja_env.globals.update(outbox_kind_label=kind_label, outbox_status_label=status_label)
    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
    register_nav(app, "digests.preferences", _l("Notifications"), tuple(Role))
    register_nav(app, "digests_admin.outbox", _l("Envois"), (Role.ADMIN,))
    app.cli.add_command(digest_cli)
    command_group(app, "bench").add_command(bench_digests)
    register_jobs(app, *jobs.JOBS)
