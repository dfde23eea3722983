"""Wiring of the tenders feature into the app (`init_app`, listed in procure.features):
blueprints, menu links, template helpers, CLI and scheduled jobs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from procure.accounts.models import Role
from procure.api import register_api
from procure.core.formatting import day, label, money, number, when
from procure.core.nav import register_nav
from procure.domain.clauses import PARAMS, Param, clause_spec
from procure.scheduler import register_jobs
from procure.tenders import jobs
from procure.tenders.admin_views import bp as admin_bp
from procure.tenders.advisor import area_label
from procure.tenders.api import bp as api_bp
from procure.tenders.cli import register_cli
from procure.tenders.cpv import label_of
from procure.tenders.matcher import matcher
from procure.tenders.supplier_views import bp as supplier_bp
from procure.tenders.views import bp


def cpv_label(codes: list[str]) -> str:
    return ", ".join(f"{c} {label_of(c)}".strip() for c in codes or [])


def field_label(name: str) -> str:
    labels = {
        "title": _("Intitulé"), "description": _("Description"), "cpv_codes": _("Codes CPV"),
        "departments": _("Lieu d'exécution"), "estimated_value": _("Montant estimé"),
        "deadline": _("Date limite"), "contact_name": _("Contact"),
        "contact_email": _("E-mail de contact"), "clauses": _("Clauses"), "lots": _("Lots"),
        "trades": _("Métiers"),
    }  # fmt: skip
    return labels.get(name, name)


def revision_action(action: str) -> str:
    labels = {
        "created": _("création"), "edited": _("modification"), "submitted": _("soumission"),
        "open": _("validation"), "rejected": _("refus"), "closed": _("clôture"),
        "trades": _("correction des métiers"),
    }  # fmt: skip
    return labels.get(action, action)


def change_text(value: Any, field: str = "") -> str:
    """An old or new value of the tender history as a person reads it (money, days, clauses)."""
    if value in (None, "", []):
        return "—"
    if field == "trades" and isinstance(value, list):
        return ", ".join(matcher().trade_names(value))
    if isinstance(value, list):
        return "; ".join(change_text(v, field) for v in value)
    if field == "estimated_value" and isinstance(value, int | float | str):
        try:
            return money(float(value))
        except ValueError:
            return str(value)
    if field == "deadline" and isinstance(value, str):
        try:
            return day(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if isinstance(value, dict):
        if "type" in value:
            extra = [
                clause_extra(k, v) for k, v in value.items() if k != "type" and v not in (None, "")
            ]
            return " ".join([label(value["type"], "clause"), *extra])
        return ", ".join(f"{change_text(v, k)}" for k, v in value.items() if v)
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


def clause_extra(key: str, value: Any) -> str:
    if key == "hours":
        return _("%(n)s heures", n=value)
    if key == "weight":
        return f"{number(value)} %"
    return str(value)


def local_time(moment: datetime | None) -> str:
    """A stored UTC time as the buyer reads it, in Europe/Paris (procure.core.formatting)."""
    return when(moment)


def clause_text(clause: Any) -> str:
    """ "Clause d'insertion : 350 heures": a clause's label and its parameter, in the reader's
    language, from procure.domain's clause table."""
    spec = clause_spec(clause.type)
    label = _(spec.label)
    if spec.param is Param.NONE:
        return label
    words = PARAMS[spec.param]
    value = getattr(clause, spec.param.value)
    if value in (None, "", 0):
        return f"{label} : {_(words.missing)}" if words.missing else label
    shown = f"{value:g}" if isinstance(value, float) else value
    return f"{label} : {_(words.display, n=shown)}"


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(supplier_bp)
    app.register_blueprint(admin_bp)
    register_api(app, api_bp)
    register_nav(app, "tenders.index", _l("Mes marchés"), [Role.BUYER])
    register_nav(app, "tenders_admin.index", _l("Marchés à valider"), [Role.ADMIN])
    register_nav(app, "tenders.index", _l("Tous les marchés"), [Role.ADMIN])
    app.jinja_env.globals.update(
        departments_label=area_label, cpv_label=cpv_label, field_label=field_label,
        revision_action=revision_action, change_text=change_text, local_time=local_time,
        clause_text=clause_text,
    )  # fmt: skip
    register_cli(app)
    register_jobs(app, *jobs.JOBS)
