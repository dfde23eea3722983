"""Account forms; Flask-WTF adds and checks the CSRF token on each."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from procure.accounts.services import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Mot de passe"), validators=[DataRequired()])
    remember = BooleanField(_l("Rester connecté sur cet appareil"))
    next = HiddenField()
    submit = SubmitField(_l("Se connecter"))


class ResendForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), validators=[DataRequired(), Email()])
    submit = SubmitField(_l("Renvoyer le lien de confirmation"))


class SignupForm(FlaskForm):
    role = RadioField(
        _l("Je suis"),
        choices=[
            SelectChoice("buyer", _l("un acheteur public")),
            SelectChoice("supplier", _l("une structure de l'ESS (fournisseur)")),
        ],
        default="buyer",
        validators=[DataRequired()],
    )
    name = StringField(_l("Votre nom"), validators=[DataRequired(), Length(max=200)])
    # Ignored for suppliers (hidden by CSS once "structure de l'ESS" is chosen).
    organisation = StringField(
        _l("Organisation acheteuse (pour les acheteurs)"), validators=[Optional(), Length(max=200)]
    )
    email = EmailField(_l("Adresse e-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Mot de passe"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _l("Confirmez le mot de passe"),
        validators=[DataRequired(), EqualTo("password", _l("Les mots de passe diffèrent."))],
    )
    submit = SubmitField(_l("Créer mon compte"))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), validators=[DataRequired(), Email()])
    submit = SubmitField(_l("Recevoir un lien"))


def _new_password() -> PasswordField:
    return PasswordField(
        _l("Nouveau mot de passe"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
    )


def _confirm_password() -> PasswordField:
    return PasswordField(
        _l("Confirmez le mot de passe"),
        validators=[DataRequired(), EqualTo("password", _l("Les mots de passe diffèrent."))],
    )


class ResetPasswordForm(FlaskForm):
    password = _new_password()
    confirm = _confirm_password()
    submit = SubmitField(_l("Changer le mot de passe"))


class ChangePasswordForm(FlaskForm):
    # Fields are shown in the order they are created: the current password first.
    current = PasswordField(_l("Mot de passe actuel"), validators=[DataRequired()])
    password = _new_password()
    confirm = _confirm_password()
    submit = SubmitField(_l("Changer le mot de passe"))


class InviteForm(FlaskForm):
    email = EmailField(
        _l("Adresse e-mail de la personne à inviter"),
        validators=[DataRequired(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Envoyer l'invitation"))


class AcceptInvitationForm(FlaskForm):
    name = StringField(_l("Votre nom"), validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        _l("Mot de passe"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _l("Confirmez le mot de passe"),
        validators=[DataRequired(), EqualTo("password", _l("Les mots de passe diffèrent."))],
    )
    submit = SubmitField(_l("Rejoindre l'organisation"))


class EmptyForm(FlaskForm):
    """A one-button form (log-out, validate...) that still carries a CSRF token."""

    submit = SubmitField(_l("Valider"))
