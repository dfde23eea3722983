"""Template helpers of the supplier registry (installed by `procure.suppliers.setup`)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from procure.domain.kinds import NATIONAL
from procure.geo import department_name, is_department
from procure.suppliers.forms import LEGAL_FORM_LABELS

STATUS_LABELS = {
    "pending": _l("en attente de vérification"),
    "verified": _l("vérifiée"),
    "rejected": _l("refusée"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(str(status), status))


def legal_form_label(form: str) -> str:
    return str(LEGAL_FORM_LABELS.get(form, form))


def area_label(codes: list[str]) -> str:
    if NATIONAL in codes:
        return _("toute la France")
    return ", ".join(f"{c} {department_name(c)}" if is_department(c) else c for c in codes) or "—"


def _one(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    return "—" if value in (None, "") else str(value)


def audit_value(value: Any, action: str, key: str = "") -> str:
    """Creations store values; updates and status changes store [old, new] pairs."""
    one = (lambda v: status_label(v) if v else "—") if key == "status" else _one
    paired = not action.endswith("create")
    if paired and isinstance(value, list) and len(value) == 2:
        return f"{one(value[0])} → {one(value[1])}"
    return one(value)
