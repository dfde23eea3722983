"""Facilitator screens under /admin/suppliers: list, filters, exports, verification (the
upload page of a supplier file is the imports': procure.imports.upload_views)."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from procure.accounts.forms import EmptyForm
from procure.core.auth import admin_required
from procure.core.exports import CSV_MIMETYPE, XLSX_MIMETYPE
from procure.extensions import db
from procure.geo import DEPARTMENT_CODES, department_name
from procure.suppliers import export, services
from procure.suppliers.forms import (
    KIND_LABELS,
    LEGAL_FORM_LABELS,
    MemberForm,
    RejectForm,
)
from procure.suppliers.models import Supplier, SupplierStatus
from procure.suppliers.queries import Filters, page_of

bp = Blueprint("suppliers_admin", __name__, url_prefix="/admin/suppliers")


@bp.before_request
@admin_required
def _facilitators_only() -> None:
    """Every page here is a facilitator's."""


@bp.get("/")
def index():
    filters = Filters.from_args(request.args)
    page = page_of(db.session, filters, request.args.get("page", 1, type=int))
    return render_template(
        "suppliers/admin/index.html",
        page=page,
        filters=filters,
        statuses=list(SupplierStatus),
        kinds=KIND_LABELS,
        legal_forms=LEGAL_FORM_LABELS,
        departments={code: department_name(code) for code in DEPARTMENT_CODES},
    )


@bp.get("/export.<fmt>")
def export_list(fmt: str):
    filters = Filters.from_args(request.args)
    if fmt == "csv":
        machine = request.args.get("format") == "machine"
        lines = (export.machine_csv_lines if machine else export.csv_lines)(db.session, filters)
        return Response(
            stream_with_context(lines),
            mimetype=CSV_MIMETYPE,
            headers={"Content-Disposition": "attachment; filename=structures.csv"},
        )
    if fmt == "xlsx":
        return Response(
            export.xlsx_bytes(db.session, filters),
            mimetype=XLSX_MIMETYPE,
            headers={"Content-Disposition": "attachment; filename=structures.xlsx"},
        )
    return redirect(url_for("suppliers_admin.index", **filters.as_args()))


@bp.get("/<int:supplier_id>")
def show(supplier_id: int):
    supplier = db.get_or_404(Supplier, supplier_id)
    return render_template(
        "suppliers/admin/show.html",
        supplier=supplier,
        trail=services.audit_trail(db.session, supplier),
        verify_form=EmptyForm(),
        reject_form=RejectForm(),
        member_form=MemberForm(),
    )


@bp.post("/<int:supplier_id>/verify")
def verify(supplier_id: int):
    supplier = db.get_or_404(Supplier, supplier_id)
    if EmptyForm().validate_on_submit():
        services.set_status(
            db.session, supplier, SupplierStatus.VERIFIED, services.Actor.of(current_user)
        )
        db.session.commit()
        flash(_("%(name)s est vérifiée.", name=supplier.name), "success")
    return redirect(url_for("suppliers_admin.show", supplier_id=supplier.id))


@bp.post("/<int:supplier_id>/reject")
def reject(supplier_id: int):
    supplier = db.get_or_404(Supplier, supplier_id)
    form = RejectForm()
    if form.validate_on_submit():
        services.set_status(
            db.session,
            supplier,
            SupplierStatus.REJECTED,
            services.Actor.of(current_user),
            form.reason.data,
        )
        db.session.commit()
        flash(_("%(name)s est refusée.", name=supplier.name), "success")
    else:
        flash(_("Indiquez le motif du refus : la structure le verra."), "error")
    return redirect(url_for("suppliers_admin.show", supplier_id=supplier.id))
