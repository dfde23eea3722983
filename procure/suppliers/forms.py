"""Supplier forms. The fields are parsed here and validated by `clean_supplier`, the same
function the import and the API use, so the three never disagree."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from procure.domain.kinds import INCLUSION_KINDS, KINDS, LEGAL_FORM_SPECS, LEGAL_FORMS, NATIONAL
from procure.domain.text import normalise
from procure.geo import REGIONS, departments_of_region
from procure.suppliers.models import Supplier
from procure.suppliers.validation import SupplierData, SupplierInvalid, clean_supplier

# Labels from procure.domain's tables, translated when shown.
LEGAL_FORM_LABELS = {f.code: _l(f.label) for f in LEGAL_FORM_SPECS}
KIND_LABELS = {k.code: _l(k.label) for k in KINDS}


def _by_folded_name(item: tuple[str, str]) -> str:
    return normalise(item[1])  # Île-de-France among the I, not after the Z


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SupplierForm(FlaskForm):
    siret = StringField(_l("SIRET"), validators=[DataRequired(), Length(max=30)])
    name = StringField(_l("Nom de la structure"), validators=[DataRequired(), Length(max=200)])
    legal_form = SelectField(
        _l("Forme juridique"), choices=[SelectChoice(f, LEGAL_FORM_LABELS[f]) for f in LEGAL_FORMS]
    )
    inclusion_kinds = MultiCheckboxField(
        _l("Statuts d'inclusion ou de handicap"),
        choices=[SelectChoice(k, KIND_LABELS[k]) for k in INCLUSION_KINDS],
    )
    esus = BooleanField(_l("Agrément ESUS (entreprise solidaire d'utilité sociale)"))
    description = TextAreaField(
        _l("Ce que vous savez faire"),
        description=_l("Vos métiers, vos prestations, vos pratiques sociales et écologiques."),
        validators=[DataRequired(), Length(max=5000)],
    )
    cpv_codes = StringField(
        _l("Codes CPV (facultatif)"),
        description=_l("Séparés par des virgules, par exemple 77310000, 90911200-8."),
        validators=[Optional(), Length(max=2000)],
    )
    national = BooleanField(_l("Nous intervenons dans toute la France"))
    regions = MultiCheckboxField(
        _l("Régions entières"),
        choices=[SelectChoice(c, n) for c, n in sorted(REGIONS.items(), key=_by_folded_name)],
    )
    departments = StringField(
        _l("Départements (codes)"),
        description=_l("Séparés par des virgules, par exemple 34, 30, 2A."),
        validators=[Optional(), Length(max=1000)],
    )
    postcode = StringField(_l("Code postal du siège"), validators=[Optional(), Length(max=10)])
    city = StringField(_l("Ville du siège"), validators=[Optional(), Length(max=100)])
    email = EmailField(_l("E-mail de contact"), validators=[Optional(), Email(), Length(max=254)])
    website = StringField(_l("Site web"), validators=[Optional(), Length(max=300)])
    employees = StringField(_l("Effectif"), validators=[Optional(), Length(max=10)])
    submit = SubmitField(_l("Enregistrer"))

    def raw(self) -> dict[str, Any]:
        """The form's values in the shape `clean_supplier` reads."""
        codes = [NATIONAL] if self.national.data else []
        codes.append(self.departments.data or "")
        for region in self.regions.data or []:
            codes.extend(departments_of_region(region))
        return {
            "siret": self.siret.data,
            "name": self.name.data,
            "legal_form": self.legal_form.data,
            "inclusion_kinds": self.inclusion_kinds.data or [],
            "esus": bool(self.esus.data),
            "description": self.description.data,
            "cpv_codes": self.cpv_codes.data or "",
            "departments": " ".join(c for c in codes if c),
            "postcode": self.postcode.data,
            "city": self.city.data,
            "email": self.email.data,
            "website": self.website.data,
            "employees": self.employees.data,
        }

    def cleaned(self) -> SupplierData | None:
        """The submitted supplier, validated; None with the errors shown on their fields."""
        try:
            return clean_supplier(self.raw())
        except SupplierInvalid as exc:
            for name, messages in exc.errors.items():
                getattr(self, name).errors = [*getattr(self, name).errors, *messages]
            return None

    def fill(self, supplier: Supplier) -> None:
        """Pre-fill from the record (edit page)."""
        for name in ("siret", "name", "legal_form", "esus", "description", "postcode", "city"):
            getattr(self, name).data = getattr(supplier, name)
        self.email.data, self.website.data = supplier.email, supplier.website
        self.inclusion_kinds.data = supplier.inclusion_kinds
        self.cpv_codes.data = ", ".join(supplier.cpv_codes or [])
        self.national.data = NATIONAL in supplier.departments
        self.departments.data = ", ".join(d for d in supplier.departments if d != NATIONAL)
        self.employees.data = "" if supplier.employees is None else str(supplier.employees)


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Motif du refus (la structure le verra)"),
        validators=[DataRequired(), Length(max=2000)],
    )
    submit = SubmitField(_l("Refuser"))


class MemberForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Nom"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Ajouter à la structure"))


class ImportForm(FlaskForm):
    file = FileField(_l("Fichier CSV"), validators=[FileRequired()])
    submit = SubmitField(_l("Importer"))
