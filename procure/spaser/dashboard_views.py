"""The Spaser dashboard (facilitators: every buyer or one; a buyer: its organisation), its
CSV/XLSX exports and the printable annual report."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from procure.accounts.models import Role
from procure.core.auth import role_required
from procure.core.formatting import percent
from procure.extensions import db
from procure.spaser import dashboard as board_data
from procure.spaser import exports, report
from procure.spaser.access import buyer_scope
from procure.tenders.jobs import today_in_paris

bp = Blueprint("spaser_dashboard", __name__, url_prefix="/spaser")
buyer_or_admin = role_required(Role.BUYER, Role.ADMIN)


def labels() -> dict[str, str]:
    return {
        "social": _("Considération sociale"), "social_clause": _("Clause sociale"),
        "social_criterion": _("Critère social"), "reserved": _("Marché réservé"),
        "environmental": _("Considération environnementale"),
        "awarded_sse": _("Attribués à une structure de l'ESS"),
        "awarded_siae": _("Attribués à une SIAE"),
        "awarded_disability": _("Attribués à une EA ou un ESAT"),
        "targets": _("Part des marchés avec une considération, cibles PNAD"),
        "quarters": _("Part des marchés avec une considération sociale, par trimestre"),
        "divisions": _("Part des marchés avec une considération sociale, par division CPV"),
        "departments": _("Part des marchés avec une considération sociale, par département"),
        "hours": _("Heures d'insertion engagées et réalisées"),
        "committed": _("Engagées"), "realised": _("Réalisées"),
        "target_social": _("cible %(share)s", share=percent(report.TARGETS["social"], 0)),
    }  # fmt: skip


def _board():
    today = today_in_paris()
    try:
        year = int(request.args.get("year") or today.year)
    except ValueError:
        year = today.year
    buyer = buyer_scope(current_user, request.args.get("buyer"))
    return board_data.build(db.session, year, buyer, today, labels())


@bp.route("/")
@buyer_or_admin
def dashboard():
    return render_template(
        "spaser/dashboard.html", board=_board(), labels=labels(), printable=False
    )


@bp.route("/report")
@buyer_or_admin
def printable():
    return render_template("spaser/dashboard.html", board=_board(), labels=labels(), printable=True)


def _filename(board, ext: str) -> str:
    return f"spaser-{board.year}-{board.buyer or 'tous'}.{ext}"


@bp.route("/export.csv")
@buyer_or_admin
def export_csv():
    board = _board()
    return Response(
        exports.csv_text(board, labels()), mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename={_filename(board, 'csv')}"},
    )  # fmt: skip


@bp.route("/export.xlsx")
@buyer_or_admin
def export_xlsx():
    board = _board()
    return Response(
        exports.xlsx_bytes(board, labels()),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename={_filename(board, 'xlsx')}"},
    )  # fmt: skip
