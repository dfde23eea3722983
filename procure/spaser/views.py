"""Award and insertion-hours screens (thin: parse, call `awards`, render)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from procure.accounts.models import Role
from procure.core.auth import admin_required, role_required
from procure.extensions import db
from procure.spaser import awards
from procure.spaser.access import may_see
from procure.spaser.forms import AwardForm, HoursForm, HoursImportForm
from procure.spaser.hours_csv import BadHoursFile, import_hours
from procure.spaser.models import Contract
from procure.tenders import services as tenders
from procure.tenders.models import TenderStatus

bp = Blueprint("spaser", __name__, url_prefix="/spaser")
buyer_or_admin = role_required(Role.BUYER, Role.ADMIN)


def _tender_or_404(reference: str):
    tender = tenders.tender_for(db.session, current_user, reference)
    if tender is None:
        abort(404)
    return tender


@bp.route("/tenders/<reference>/awards", methods=["GET", "POST"])
@buyer_or_admin
def tender_awards(reference: str):
    tender = _tender_or_404(reference)
    form = AwardForm()
    form.lot.choices = [
        SelectChoice(lot.number, f"{lot.number} — {lot.title}") for lot in tender.lots
    ] or [SelectChoice(0, _("Marché entier"))]
    if not form.buyer_siret.data and tender.organisation.siret:
        form.buyer_siret.data = tender.organisation.siret
    closed = tender.status == TenderStatus.CLOSED
    if closed and form.validate_on_submit():
        data = awards.AwardData(
            lot=form.lot.data or None, holder_siret=form.holder_siret.data or "",
            holder_name=form.holder_name.data or "", amount=float(form.amount.data),
            notified_on=form.notified_on.data, duration_months=form.duration_months.data,
            procedure=form.procedure.data, offers_received=form.offers_received.data,
            contract_id=form.contract_id.data or "", buyer_siret=form.buyer_siret.data or "",
            cpv=form.cpv.data or "",
        )  # fmt: skip
        try:
            awards.record_award(db.session, tender, data, current_user)
        except awards.AwardInvalid as exc:
            db.session.rollback()
            for name, message in exc.errors.items():
                field = getattr(form, name, None)
                if field is not None:
                    field.errors = [*field.errors, message]
                else:
                    flash(message, "error")
        else:
            db.session.commit()
            flash(_("Attribution enregistrée."), "success")
            return redirect(url_for("spaser.tender_awards", reference=reference))
    return render_template(
        "spaser/awards.html", tender=tender, form=form, closed=closed,
        contracts=awards.awards_of(db.session, tender),
    )  # fmt: skip


@bp.route("/contracts/<int:contract_pk>", methods=["GET", "POST"])
@buyer_or_admin
def contract(contract_pk: int):
    item = db.get_or_404(Contract, contract_pk)
    if not may_see(db.session, current_user, item):
        abort(404)
    form = HoursForm() if current_user.is_admin else None
    if form is not None and form.validate_on_submit():
        awards.record_hours(db.session, item, form.year.data, float(form.hours.data), current_user)
        db.session.commit()
        flash(_("Heures enregistrées."), "success")
        return redirect(url_for("spaser.contract", contract_pk=item.id))
    return render_template("spaser/contract.html", contract=item, form=form)


@bp.route("/hours/import", methods=["GET", "POST"])
@admin_required
def hours_import():
    form = HoursImportForm()
    report = None
    if form.validate_on_submit():
        raw = form.file.data.read()
        try:
            report = import_hours(db.session, raw.decode("utf-8"), current_user)
        except (UnicodeDecodeError, BadHoursFile) as exc:
            db.session.rollback()
            reason = str(exc) if isinstance(exc, BadHoursFile) else _("fichier non UTF-8")
            flash(_("Fichier refusé : %(reason)s", reason=reason), "error")
        else:
            db.session.commit()
    return render_template("spaser/hours_import.html", form=form, report=report)
