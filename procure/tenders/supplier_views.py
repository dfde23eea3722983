"""A tender's page as a verified supplier reads it, and its answer (interested or not).

The URL is the tender's own (`/tenders/<reference>`, the "Voir le marché" link of the
alerts): `views.show` hands suppliers to `show_for_supplier`. A supplier whose structure is
not verified gets 403; a tender outside the visibility rule (a draft...) gets 404.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from procure.accounts.models import Role
from procure.core.auth import role_required
from procure.core.formatting import day, money, when
from procure.core.urls import safe_next
from procure.extensions import db
from procure.tenders import access
from procure.tenders.answers import record_interest
from procure.tenders.forms import AnswerForm
from procure.tenders.models import Answer, Tender
from procure.tenders.supplier_page import supplier_page

bp = Blueprint("tenders_supplier", __name__, url_prefix="/tenders")


def _readable_tender(reference: str) -> Tender:
    if not access.supplier_may_read_tenders(current_user):
        abort(403)
    tender = access.tender_for(db.session, current_user, reference)
    if tender is None:
        abort(404)
    return tender


def show_for_supplier(reference: str):
    tender = _readable_tender(reference)
    page = supplier_page(db.session, tender, current_user.supplier)
    form = AnswerForm(
        formdata=None,
        answer=page.answer.answer if page.answer else None,
        reason=page.answer.reason if page.answer else "",
    )
    return render_template(
        "tenders/supplier_show.html",
        page=page,
        tender=tender,
        form=form,
        deadline=day(tender.deadline, "long"),
        amount=money(tender.estimated_value) if tender.estimated_value else "",
        answered_at=when(page.answer.answered_at, length="long") if page.answer else "",
    )


@bp.post("/<reference>/answer")
@role_required(Role.SUPPLIER)
def answer(reference: str):
    tender = _readable_tender(reference)
    form = AnswerForm()
    back = safe_next(form.next.data) or url_for("tenders.show", reference=reference)
    if not tender.is_open:
        flash(_("Ce marché est clos : il ne reçoit plus de réponses."), "error")
    elif form.validate_on_submit():
        record_interest(
            db.session, current_user.supplier_id, tender.id, form.answer.data, form.reason.data
        )
        db.session.commit()
        if form.answer.data == Answer.INTERESTED:
            flash(_("C'est noté : l'acheteur voit que vous êtes intéressés."), "success")
        else:
            flash(_("C'est noté : l'acheteur voit que vous n'êtes pas intéressés."), "success")
    else:
        flash(_("Réponse non enregistrée : choisissez « Intéressé » ou non."), "error")
    return redirect(back)
