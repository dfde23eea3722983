"""Wiring of background imports (`init_app`, listed in procure.features): the upload and
report pages, `procure import run-pending`, `procure bench web-import` and the scheduler's
import job."""

from __future__ import annotations

from flask import Flask

from procure.commands import command_group
from procure.imports import jobs
from procure.imports.bench import bench_web_import
from procure.imports.cli import run_pending_command
from procure.imports.upload_views import bp as upload_bp
from procure.imports.views import bp
from procure.scheduler import register_jobs


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(upload_bp)
    command_group(app, "import").add_command(run_pending_command)
    command_group(app, "bench").add_command(bench_web_import)
    register_jobs(app, *jobs.JOBS)
