"""Web forms of the Spaser feature (CSRF through Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, NumberRange, Optional

from procure.spaser.awards import PROCEDURES


class AwardForm(FlaskForm):
    lot = SelectField(_l("Lot"), coerce=int, validate_choice=True)
    holder_siret = StringField(_l("SIRET du titulaire"), validators=[DataRequired()])
    holder_name = StringField(_l("Raison sociale du titulaire"), validators=[Optional()])
    amount = DecimalField(_l("Montant HT (€)"), validators=[DataRequired(), NumberRange(min=1)])
    notified_on = DateField(_l("Date de notification"), validators=[DataRequired()])
    duration_months = IntegerField(_l("Durée (mois)"), validators=[Optional(), NumberRange(min=1)])
    procedure = SelectField(_l("Procédure"), choices=[SelectChoice(p, p) for p in PROCEDURES])
    offers_received = IntegerField(
        _l("Nombre d'offres reçues"), validators=[DataRequired(), NumberRange(min=1)]
    )
    cpv = StringField(
        _l("Code CPV"),
        validators=[Optional()],
        description=_l("Laissé vide : le premier code CPV du marché."),
    )
    contract_id = StringField(
        _l("Numéro du marché (publié en DECP)"),
        validators=[Optional()],
        description=_l("16 caractères au plus ; laissé vide, procure en attribue un."),
    )
    buyer_siret = StringField(_l("SIRET de l'acheteur"), validators=[Optional()])
    submit = SubmitField(_l("Enregistrer l'attribution"))


class HoursForm(FlaskForm):
    year = IntegerField(_l("Année"), validators=[DataRequired(), NumberRange(min=2000, max=2100)])
    hours = DecimalField(
        _l("Heures d'insertion réalisées"), validators=[DataRequired(), NumberRange(min=0)]
    )
    submit = SubmitField(_l("Enregistrer les heures"))


class HoursImportForm(FlaskForm):
    file = FileField(_l("Fichier CSV"), validators=[FileRequired()])
    submit = SubmitField(_l("Importer"))
