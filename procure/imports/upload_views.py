"""The facilitators' upload page of a supplier file (/admin/suppliers/import, among the
supplier screens): the file becomes an import job whose report page (procure.imports.views)
shows its progress."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from procure.core.auth import admin_required
from procure.extensions import db
from procure.imports import services as import_services
from procure.imports.views import local_time, recent_jobs
from procure.suppliers.csvfile import ImportFileError
from procure.suppliers.forms import ImportForm
from procure.suppliers.importer import BATCH_SIZE

bp = Blueprint("imports_upload", __name__, url_prefix="/admin/suppliers")
INLINE_MAX_LINES = BATCH_SIZE


@bp.route("/import", methods=["GET", "POST"])
@admin_required
def import_file():
    """Store the upload as an import job. A small file is run at once (one batch, about a
    second); a large one by the scheduler, off the request: the report page shows progress."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            job = import_services.create_job(
                db.session, current_user, upload.filename or "import.csv", upload.read()
            )
        except ImportFileError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            if job.total_lines <= INLINE_MAX_LINES and import_services.claim(db.session, job.id):
                import_services.run_claimed(db.session, job.id)
            return redirect(url_for("imports.report", job_id=job.id))
    return render_template(
        "suppliers/admin/import.html", form=form, jobs=recent_jobs(), local_time=local_time
    )
