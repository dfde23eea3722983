"""Sign-up, log-in, log-out and password reset."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from procure.accounts import services
from procure.accounts.forms import (
    EmptyForm,
    LoginForm,
    ResetPasswordForm,
    ResetRequestForm,
    SignupForm,
)
from procure.accounts.mails import send_reset_email
from procure.accounts.models import Role, User
from procure.core.urls import safe_next
from procure.extensions import db, limiter, login_manager

bp = Blueprint("accounts", __name__, url_prefix="/account")

login_manager.login_view = "accounts.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _login_email_key() -> str:
    return "login:" + services.normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_login_email_key)
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            flash(_("Adresse e-mail ou mot de passe incorrect."), "error")
        else:
            login_user(user)
            return redirect(safe_next(form.next.data) or url_for("core.home"))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    if EmptyForm().validate_on_submit():
        logout_user()
        flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("core.home"))


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignupForm()
    if form.validate_on_submit():
        role = Role(form.role.data)
        try:
            organisation = None
            if role == Role.BUYER:
                if not (form.organisation.data or "").strip():
                    raise services.AccountError(_("Indiquez votre organisation acheteuse."))
                organisation = services.get_or_create_organisation(
                    db.session, form.organisation.data
                )
            user = services.create_user(
                db.session,
                form.email.data,
                form.password.data,
                role,
                name=form.name.data,
                organisation=organisation,
            )
        except services.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            login_user(user)
            flash(_("Bienvenue sur procure !"), "success")
            if role == Role.SUPPLIER and "suppliers.register" in current_app.view_functions:
                return redirect(url_for("suppliers.register"))
            return redirect(url_for("core.home"))
    return render_template("accounts/signup.html", form=form)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = services.find_user(db.session, form.email.data)
        if user is not None and user.is_active:
            send_reset_email(user, services.make_reset_token(user))
        # The same answer either way, so the form does not reveal who has an account.
        flash(_("Si un compte existe pour cette adresse, un lien vient d'être envoyé."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        services.user_from_reset_token(db.session, token)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("accounts.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(db.session, token, form.password.data)
        db.session.commit()
        flash(_("Mot de passe changé : connectez-vous."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.app_context_processor
def inject_forms() -> dict[str, object]:
    return {"logout_form": EmptyForm() if current_user.is_authenticated else None}
