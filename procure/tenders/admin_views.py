"""Facilitator moderation: submitted tenders, validate, reject with a reason."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from procure.accounts.forms import EmptyForm
from procure.core.auth import admin_required
from procure.extensions import db
from procure.tenders import services
from procure.tenders.models import Tender, TenderStatus

bp = Blueprint("tenders_admin", __name__, url_prefix="/admin/tenders")


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Motif du refus (envoyé à l'acheteur)"), validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Refuser"))


@bp.get("/")
@admin_required
def index():
    submitted = db.session.scalars(
        select(Tender).where(Tender.status == TenderStatus.SUBMITTED).order_by(Tender.updated_at)
    ).all()
    return render_template(
        "tenders/admin_list.html", tenders=submitted, validate_form=EmptyForm(),
        reject_form=RejectForm(),
    )  # fmt: skip


def _tender(reference: str) -> Tender:
    tender = db.session.scalar(select(Tender).where(Tender.reference == reference))
    if tender is None:
        abort(404)
    return tender


@bp.post("/<reference>/validate")
@admin_required
def validate(reference: str):
    tender = _tender(reference)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.validate(db.session, tender, current_user)
    except services.TenderError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("« %(title)s » est validé et ouvert.", title=tender.title), "success")
    return redirect(url_for("tenders_admin.index"))


@bp.post("/<reference>/reject")
@admin_required
def reject(reference: str):
    tender = _tender(reference)
    form = RejectForm()
    if not form.validate_on_submit():
        flash(_("Indiquez le motif du refus."), "error")
        return redirect(url_for("tenders_admin.index"))
    try:
        services.reject(db.session, tender, current_user, form.reason.data)
    except services.TenderError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("« %(title)s » est renvoyé à l'acheteur.", title=tender.title), "success")
    return redirect(url_for("tenders_admin.index"))
