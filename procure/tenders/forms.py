"""The tender form: the need in the buyer's words, the place, the clauses, the lots.

Numbers and codes are read as text and checked by `procure.tenders.validation`, so the form,
the API and the importers give the same messages; `errors_to_form` puts them on the fields.
"""

from __future__ import annotations

import json
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, Length, Optional

from procure.domain.clauses import CLAUSES, PARAMS, Param
from procure.tenders import departments as deps
from procure.tenders.clause_rules import MAX_DESCRIPTION, MAX_TEXT
from procure.tenders.models import Tender

CLAUSE_ROWS = 3
LOT_ROWS = 1
LOT_CLAUSE_ROWS = 2


def clause_choices() -> list[tuple[str, Any]]:
    """Every clause type of `procure.domain.clauses.CLAUSES`, in its order."""
    return [("", _l("— aucune —"))] + [(c.code, _l(c.label)) for c in CLAUSES]


# Which parameter field each clause type shows: read by static/tenders.js.
PARAM_OF_TYPE = json.dumps({c.code: c.param.value for c in CLAUSES})


class ClauseForm(Form):
    type = SelectField(
        _l("Clause"), choices=clause_choices, default="", render_kw={"data-params": PARAM_OF_TYPE}
    )
    hours = StringField(_l(PARAMS[Param.HOURS].form_label), validators=[Optional(), Length(max=12)])
    weight = StringField(
        _l(PARAMS[Param.WEIGHT].form_label), validators=[Optional(), Length(max=8)]
    )
    text = TextAreaField(_l(PARAMS[Param.TEXT].form_label), validators=[Length(max=MAX_TEXT)])


class LotForm(Form):
    title = StringField(_l("Intitulé du lot"), validators=[Length(max=300)])
    description = TextAreaField(_l("Description du lot"), validators=[Length(max=MAX_DESCRIPTION)])
    clauses = FieldList(FormField(ClauseForm), min_entries=LOT_CLAUSE_ROWS)


class TenderForm(FlaskForm):
    reference = StringField(
        _l("Votre référence (facultatif)"),
        validators=[Length(max=100)],
        description=_l("Laissez vide : procure en attribue une."),
    )
    title = StringField(_l("Intitulé du marché"), validators=[Length(max=300)])
    description = TextAreaField(
        _l("Votre besoin, avec vos mots"),
        description=_l("Ce qu'il faut faire, où, pour qui, combien de temps."),
    )
    cpv_codes = StringField(
        _l("Codes CPV (facultatif)"),
        description=_l("Cherchez par code ou par mots ; séparez plusieurs codes par des virgules."),
    )
    departments = SelectMultipleField(
        _l("Lieu d'exécution (départements)"), choices=deps.choices, validate_choice=False
    )
    estimated_value = StringField(_l("Montant estimé (€ HT)"))
    deadline = StringField(_l("Date limite de réponse"), render_kw={"type": "date"})
    contact_name = StringField(_l("Contact : nom"), validators=[Length(max=200)])
    contact_email = StringField(_l("Contact : e-mail"), validators=[Length(max=254)])
    clauses = FieldList(FormField(ClauseForm), min_entries=CLAUSE_ROWS)
    lots = FieldList(FormField(LotForm), min_entries=LOT_ROWS)
    calc_amount = StringField(_l("Montant (€ HT)"))
    calc_labour_share = StringField(_l("Part de main-d'œuvre"), default="0.4")
    calc_hourly_cost = StringField(_l("Coût horaire chargé (€)"), default="35")
    calc_rate = StringField(_l("Taux d'insertion"), default="0.07")
    save = SubmitField(_l("Enregistrer"))
    recalculate = SubmitField(_l("Recalculer"))


def _clause_rows(rows) -> tuple[list[dict[str, Any]], list[int]]:
    clauses, index = [], []
    for i, row in enumerate(rows):
        if row.form.type.data:
            clauses.append(
                {
                    "type": row.form.type.data,
                    "hours": row.form.hours.data,
                    "weight": row.form.weight.data,
                    "text": row.form.text.data,
                }
            )
            index.append(i)
    return clauses, index


def form_to_raw(form: TenderForm) -> tuple[dict[str, Any], dict[str, Any]]:
    """The form as a record for `clean_tender`, and the row index of each kept entry
    (blank clause and lot rows are skipped, so error keys must be mapped back)."""
    clauses, clause_index = _clause_rows(form.clauses)
    lots, lot_index = [], []
    for i, row in enumerate(form.lots):
        lot_clauses, lot_clause_index = _clause_rows(row.form.clauses)
        # A form posted without a lot's fields leaves them None, not "".
        title, description = row.form.title.data or "", row.form.description.data or ""
        if title.strip() or description.strip() or lot_clauses:
            lots.append(
                {
                    "title": title,
                    "description": description,
                    "clauses": lot_clauses,
                }
            )
            lot_index.append((i, lot_clause_index))
    raw = {
        "reference": form.reference.data,
        "title": form.title.data,
        "description": form.description.data,
        "cpv_codes": form.cpv_codes.data,
        "departments": form.departments.data or [],
        "estimated_value": form.estimated_value.data,
        "deadline": form.deadline.data,
        "contact_name": form.contact_name.data,
        "contact_email": form.contact_email.data,
        "clauses": clauses,
        "lots": lots,
    }
    return raw, {"clauses": clause_index, "lots": lot_index}


def errors_to_form(form: TenderForm, errors: dict[str, str], index: dict[str, Any]) -> None:
    """Attach `clean_tender`'s field errors to the form's fields."""
    for key, message in errors.items():
        parts = key.split(".")
        field: Any = None
        try:
            if parts[0] == "clauses":
                row = form.clauses[index["clauses"][int(parts[1])]]
                field = row.form[parts[2]] if len(parts) > 2 else row.form.type
            elif parts[0] == "lots":
                lot_row, clause_index = index["lots"][int(parts[1])]
                lot = form.lots[lot_row].form
                if len(parts) > 3 and parts[2] == "clauses":
                    row = lot.clauses[clause_index[int(parts[3])]]
                    field = row.form[parts[4]] if len(parts) > 4 else row.form.type
                else:
                    field = lot[parts[2]] if len(parts) > 2 else lot.title
                    if parts[-1] == "clauses":
                        field = lot.clauses[0].form.type
            elif parts[0] in form:
                field = form[parts[0]]
        except (IndexError, KeyError, ValueError):
            field = None
        if field is None or key == "buyer":
            field = form.title
        field.errors = [*list(field.errors), message]


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def tender_to_formdata(tender: Tender) -> dict[str, Any]:
    def clause_dict(c) -> dict[str, Any]:
        return {
            "type": str(c.type),
            "hours": "" if c.hours is None else str(c.hours),
            "weight": "" if c.weight is None else f"{c.weight:g}",
            "text": c.text or "",
        }

    return {
        "reference": tender.reference,
        "title": tender.title,
        "description": tender.description,
        "cpv_codes": ", ".join(tender.cpv_codes or []),
        "departments": list(tender.departments or []),
        "estimated_value": _amount(tender.estimated_value),
        "deadline": tender.deadline.isoformat() if tender.deadline else "",
        "contact_name": tender.contact_name,
        "contact_email": tender.contact_email,
        "clauses": [clause_dict(c) for c in tender.own_clauses],
        "lots": [
            {
                "title": lot.title,
                "description": lot.description,
                "clauses": [clause_dict(c) for c in tender.lot_clauses(lot)],
            }
            for lot in tender.lots
        ],
    }


class AnswerForm(FlaskForm):
    """A supplier's answer to a tender: which button was pressed, and an optional reason."""

    # The value of the pressed button ("interested" or "not_interested").
    answer = StringField(_l("Votre réponse"), validators=[AnyOf(["interested", "not_interested"])])
    reason = TextAreaField(
        _l("Pourquoi ? (facultatif, l'acheteur le lira)"), validators=[Optional(), Length(max=1000)]
    )
    next = HiddenField()
