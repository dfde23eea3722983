"""Notification preferences; Flask-WTF adds and checks the CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

FREQUENCY_LABELS = {
    "weekly": _l("Chaque semaine"),
    "daily": _l("Chaque jour (nouveaux marchés)"),
    "off": _l("Jamais"),
}
LANGUAGE_LABELS = {"fr": "Français", "en": "English"}


class PreferencesForm(FlaskForm):
    frequency = RadioField(_l("Recevoir les e-mails de procure"), validators=[DataRequired()])
    language = RadioField(_l("Langue des e-mails et du site"), validators=[DataRequired()])
    submit = SubmitField(_l("Enregistrer"))


class ConfirmAnswerForm(FlaskForm):
    """The confirmation of an answer given through an alert's link, with an optional reason."""

    reason = TextAreaField(
        _l("Pourquoi ? (facultatif, l'acheteur le lira)"), validators=[Optional(), Length(max=1000)]
    )
    submit = SubmitField(_l("Confirmer"))
