"""The report of a web import (facilitators): progress while it runs, then the counts and the
rejected rows, downloadable as CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from flask import Blueprint, Response, render_template
from sqlalchemy import select

from procure.core.auth import admin_required
from procure.core.formatting import when
from procure.extensions import db
from procure.imports.models import ImportJob, ImportRejection, JobStatus

bp = Blueprint("imports", __name__, url_prefix="/admin/imports")
SHOWN_REJECTIONS = 500
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@bp.before_request
@admin_required
def _facilitators_only() -> None:
    """Every page here is a facilitator's."""


def local_time(value: datetime | None) -> str:
    """Paris time in the reader's language (procure.core.formatting)."""
    return when(value)


def recent_jobs(limit: int = 10) -> list[ImportJob]:
    return list(db.session.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(limit)))


def _rejections(job_id: int, limit: int | None = None):
    stmt = (
        select(ImportRejection)
        .where(ImportRejection.job_id == job_id)
        .order_by(ImportRejection.line, ImportRejection.id)
    )
    return db.session.scalars(stmt.limit(limit) if limit else stmt)


@bp.get("/<int:job_id>")
def report(job_id: int):
    job = db.get_or_404(ImportJob, job_id)
    running = job.status in (JobStatus.PENDING, JobStatus.RUNNING)
    page = render_template(
        "suppliers/admin/import_report.html",
        job=job,
        running=running,
        rejections=list(_rejections(job.id, SHOWN_REJECTIONS)),
        shown=SHOWN_REJECTIONS,
        local_time=local_time,
    )
    # The browser reloads the page while the job runs (no script needed).
    return page, 200, {"Refresh": "5"} if running else {}


def _safe(cell: object) -> object:
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else cell


@bp.get("/<int:job_id>/rejected.csv")
def rejected_csv(job_id: int):
    job = db.get_or_404(ImportJob, job_id)

    def lines():
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["line", "siret", "name", "reason"])
        for r in _rejections(job.id):
            writer.writerow([r.line, _safe(r.siret), _safe(r.name), _safe(r.reason)])
            if out.tell() > 1 << 16:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()

    return Response(
        lines(),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename=import-{job.id}-refus.csv"},
    )
