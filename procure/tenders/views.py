"""Buyer screens: my organisation's tenders, posting and editing, submit and close (a
supplier opening a tender's page gets its own page, `supplier_views`).

Another organisation's tender answers 404, as if it did not exist (`services.tender_for`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from procure.accounts.forms import EmptyForm
from procure.accounts.models import Organisation, Role
from procure.core.auth import role_required
from procure.extensions import db
from procure.tenders import advisor, cpv, services, supplier_views
from procure.tenders.answers import answers_for_tender
from procure.tenders.forms import TenderForm, errors_to_form, form_to_raw, tender_to_formdata
from procure.tenders.jobs import today_in_paris
from procure.tenders.listing import TenderFilters, department_choices
from procure.tenders.matcher import matcher
from procure.tenders.models import Tender, TenderRevision, TenderStatus
from procure.tenders.validation import TenderInvalid, clean_tender

bp = Blueprint("tenders", __name__, url_prefix="/tenders")
buyer_or_admin = role_required(Role.BUYER, Role.ADMIN)


def _tender_or_404(reference: str) -> Tender:
    tender = services.tender_for(db.session, current_user, reference)
    if tender is None:
        abort(404)
    return tender


def _number(raw: str | None, default: float) -> float:
    """A number as people type it: "180 000", "180 000,50 €", "0,4"."""
    text = re.sub(r"[\s\u00a0\u202f€]", "", str(raw or "")).replace(",", ".")
    try:
        return float(text) if text else default
    except ValueError:
        return default


def _calculator(form: TenderForm) -> dict[str, Any]:
    amount = _number(form.calc_amount.data, _number(form.estimated_value.data, 0.0))
    params: dict[str, Any] = {
        "amount": amount,
        "labour_share": _number(form.calc_labour_share.data, 0.4),
        "hourly_cost": _number(form.calc_hourly_cost.data, 35.0),
        "rate": _number(form.calc_rate.data, 0.07),
    }
    try:
        params["hours"] = advisor.insertion_hours(**params)
    except ValueError:
        params["hours"] = None
    return params


def _render_form(form: TenderForm, tender: Tender | None = None):
    departments = [d for d in (form.departments.data or []) if d]
    text = f"{form.title.data} {form.description.data}"
    codes = re.findall(r"\d{8}", form.cpv_codes.data or "")
    advice = advisor.advise(db.session, departments, text, codes)
    return render_template(
        "tenders/form.html", form=form, tender=tender, advice=advice, calc=_calculator(form)
    )


def _save(form: TenderForm, tender: Tender | None):
    """Check the form with the shared rules; on success save and commit, else re-render."""
    raw, index = form_to_raw(form)
    try:
        data = clean_tender(
            raw, strict=True, today=today_in_paris(), official_cpv=cpv.official_codes(db.session),
            require_reference=False, require_buyer=False,
        )  # fmt: skip
    except TenderInvalid as exc:
        errors_to_form(form, exc.errors, index)
        data = None
    if (
        data
        and data.reference
        and services.reference_taken(db.session, data.reference, tender.id if tender else None)
    ):
        form.reference.errors = [_("Cette référence est déjà prise.")]
        data = None
    if data is None:
        flash(_("Le marché n'est pas enregistré : corrigez les champs signalés."), "error")
        return _render_form(form, tender), 422
    if tender is None:
        tender = services.create_tender(db.session, data, current_user.organisation, current_user)
        flash(_("Brouillon enregistré. Soumettez-le quand il est prêt."), "success")
    else:
        data.reference = data.reference or tender.reference
        if data.reference != tender.reference:
            tender.reference = data.reference
        services.update_tender(db.session, tender, data, current_user)
        flash(_("Marché enregistré."), "success")
    db.session.commit()
    return redirect(url_for("tenders.show", reference=tender.reference))


@bp.get("/")
@buyer_or_admin
def index():
    filters = TenderFilters.from_args(request.args)
    stmt = filters.apply(services.visible_to(current_user)).order_by(Tender.created_at.desc())
    buyers: Sequence[Organisation] = []
    if current_user.is_admin:
        buyers = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    return render_template(
        "tenders/list.html",
        tenders=db.session.scalars(stmt).all(),
        filters=filters,
        statuses=list(TenderStatus),
        buyers=buyers,
        departments=department_choices(),
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.BUYER)
def new():
    if request.method == "GET":  # the buyer is the usual contact
        form = TenderForm(
            data={"contact_name": current_user.name, "contact_email": current_user.email}
        )
    else:
        form = TenderForm()
        if form.validate_on_submit() and not form.recalculate.data:
            return _save(form, None)
    return _render_form(form)


@bp.route("/<reference>/edit", methods=["GET", "POST"])
@role_required(Role.BUYER)
def edit(reference: str):
    tender = _tender_or_404(reference)
    if tender.status not in services.EDITABLE:
        flash(_("Un marché clos ne se modifie plus."), "error")
        return redirect(url_for("tenders.show", reference=reference))
    if request.method == "GET":
        form = TenderForm(data=tender_to_formdata(tender))
    else:
        form = TenderForm()
        if form.validate_on_submit() and not form.recalculate.data:
            return _save(form, tender)
    return _render_form(form, tender)


@bp.get("/<reference>")
@role_required(Role.BUYER, Role.ADMIN, Role.SUPPLIER)
def show(reference: str):
    if current_user.is_supplier:  # the alerts' "Voir le marché" link lands here
        return supplier_views.show_for_supplier(reference)
    tender = _tender_or_404(reference)
    revisions = db.session.scalars(
        select(TenderRevision)
        .where(TenderRevision.tender_id == tender.id)
        .order_by(TenderRevision.id.desc())
    ).all()
    return render_template(
        "tenders/show.html", tender=tender, revisions=revisions, action_form=EmptyForm(),
        Status=TenderStatus, editable=tender.status in services.EDITABLE,
        answers=answers_for_tender(db.session, tender.id),
        trades=matcher().trades_panel(tender),
    )  # fmt: skip


def _transition(reference: str, operation, done: str):
    tender = _tender_or_404(reference)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        operation(db.session, tender, current_user)
    except services.TenderError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("tenders.show", reference=tender.reference))


@bp.post("/<reference>/submit")
@role_required(Role.BUYER)
def submit(reference: str):
    return _transition(reference, services.submit, _("Marché soumis à la validation."))


@bp.post("/<reference>/close")
@role_required(Role.BUYER)
def close(reference: str):
    return _transition(reference, services.close, _("Marché clos."))


@bp.get("/cpv.json")
@buyer_or_admin
def cpv_search():
    entries = cpv.search(db.session, request.args.get("q", "")[:100])
    return jsonify([{"code": e.full, "label": e.label} for e in entries])


@bp.post("/advisor.json")
@buyer_or_admin
def advisor_json():
    """The advisor and the calculator for the form's current values (CSRF header)."""
    body = request.get_json(silent=True) or {}
    departments = [d for d in body.get("departments", []) if isinstance(d, str)][:120]
    text = str(body.get("text", ""))[:25_000]
    codes = re.findall(r"\d{8}", str(body.get("cpv_codes", ""))[:2000])
    advice = advisor.advise(db.session, departments, text, codes).as_dict()
    try:
        advice["hours"] = advisor.insertion_hours(
            float(body.get("amount") or 0), float(body.get("labour_share") or 0.4),
            float(body.get("hourly_cost") or 35), float(body.get("rate") or 0.07),
        )  # fmt: skip
    except (TypeError, ValueError):
        advice["hours"] = None
    return jsonify(advice)
