"""The shortlist page (buyers of the tender's organisation, facilitators), its CSV export,
the buyer's correction of detected trades, and a supplier's "tenders for you"."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from procure.accounts.models import Role
from procure.core import exports
from procure.core.auth import role_required
from procure.core.formatting import label, number
from procure.events import shortlist_shown
from procure.extensions import db
from procure.matching import presenters
from procure.matching.access import tender_for
from procure.matching.engine import insertion_partners
from procure.matching.for_you import ForYouFilters, trade_name
from procure.matching.for_you import for_you as build_for_you
from procure.matching.forms import TradesForm
from procure.matching.reasons import current_language, render_all
from procure.matching.service import (
    registry_index,
    shortlists_with_lots,
    tender_doc,
)
from procure.matching.templating import detected_trades, trades_form
from procure.suppliers.models import INCLUSION_KINDS, Supplier
from procure.tenders.forms import AnswerForm
from procure.tenders.services import correct_trades as correct_trades_of

bp = Blueprint("matching", __name__)


@bp.get("/tenders/<reference>/shortlist")
@role_required(Role.BUYER, Role.ADMIN)
def shortlist_page(reference: str):
    tender = tender_for(current_user, reference)
    filters = presenters.ShortlistFilters.from_args(request.args)
    index = registry_index(db.session)
    doc = tender_doc(tender)
    matches, lots = shortlists_with_lots(index, doc, limit=filters.limit)
    shortlist_shown.send(
        db.session,
        channel="csv" if request.args.get("format") == "csv" else "web",
        shortlists={tender.id: matches},
    )
    suppliers = presenters.suppliers_by_id(db.session, [m.supplier_id for m in matches])
    rows = presenters.rows(
        matches,
        suppliers,
        presenters.interests(db.session, tender.id),
        presenters.interest_reasons(db.session, tender.id),
    )
    rows = filters.apply(rows)
    if request.args.get("format") == "csv":
        return _csv(tender.reference, rows)
    return render_template(
        "matching/shortlist.html",
        tender=tender,
        rows=rows,
        filters=filters,
        kinds=INCLUSION_KINDS,
        detected=detected_trades(tender),
        lots=lots,
        partners=insertion_partners(index, doc),
        form=trades_form(tender),
    )


def _csv(reference: str, rows: list[presenters.Row]) -> Response:
    """For the buyer's spreadsheet: `;`, BOM, French headers, labels (procure.core.exports)."""
    lang = current_language()
    header = [
        _("Rang"), _("Score"), _("SIRET"), _("Nom"), _("Statuts d'inclusion"),
        _("Forme juridique"), _("Zone d'intervention"), _("E-mail"), _("Intérêt"),
        _("Pertinente"), _("Raisons"),
    ]  # fmt: skip
    lines = exports.office_csv(
        header,
        (
            [
                row.rank,
                number(row.match.score),
                row.match.siret,
                row.match.name,
                ", ".join(row.kinds),
                label(row.legal_form, "legal_form"),
                ", ".join(row.departments),
                row.email,
                label(row.interest, "answer") if row.interest else "",
                _("oui") if row.match.relevant else _("non"),
                " | ".join(render_all(row.match.reasons, lang)),
            ]
            for row in rows
        ),
    )
    return Response(
        "".join(lines),
        mimetype=exports.CSV_MIMETYPE,
        headers={"Content-Disposition": f'attachment; filename="shortlist-{reference}.csv"'},
    )


@bp.post("/tenders/<reference>/trades")
@role_required(Role.BUYER, Role.ADMIN)
def correct_trades(reference: str):
    tender = tender_for(current_user, reference)
    form = TradesForm()
    if form.validate_on_submit():
        trades = None if form.reset.data else form.trades.data
        correct_trades_of(db.session, tender, trades, current_user)
        db.session.commit()
        flash(_("Métiers enregistrés : la liste est recalculée."), "success")
    else:
        flash(_("Choix de métiers invalide."), "error")
    return redirect(url_for("matching.shortlist_page", reference=tender.reference))


@bp.get("/suppliers/for-you")
@role_required(Role.SUPPLIER)
def for_you():
    supplier = db.session.scalar(select(Supplier).where(Supplier.id == current_user.supplier_id))
    filters = ForYouFilters.from_args(request.args)
    found = build_for_you(db.session, supplier, filters) if supplier is not None else None
    return render_template(
        "matching/for_you.html",
        supplier=supplier,
        found=found,
        filters=filters,
        form=AnswerForm(formdata=None),
        trade_name=trade_name,
        next=request.full_path.rstrip("?"),
    )
