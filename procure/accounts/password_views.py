"""The account page, password change and reset, and ending sessions.

Reset links keep their token out of later URLs: the e-mailed link
(`/account/reset/<token>`) is checked, its token moved into the signed session cookie, and
the browser redirected to `/account/password/new`, which carries no token. The token is
thus in the access log of one GET only, and never in a Referer (that page's form, its
redirects and its assets all go to the token-free URL). A POST-only link is impossible in
an e-mail, and this keeps the link clickable.
"""

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from procure.accounts import mails, organisations, services, sessions
from procure.accounts.blueprint import bp, log_out_here
from procure.accounts.forms import (
    ChangePasswordForm,
    EmptyForm,
    InviteForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from procure.extensions import db, limiter

RESET_KEY = "reset_token"


@bp.get("/")
@login_required
def account():
    user = current_user
    context = {
        "password_form": ChangePasswordForm(),
        "everywhere_form": EmptyForm(),
        "join_request": organisations.pending_join_request(db.session, user),
        "invite_form": InviteForm() if user.may_act_as_buyer else None,
        "members": (
            organisations.members(db.session, user.organisation) if user.may_act_as_buyer else []
        ),
    }
    return render_template("accounts/account.html", **context)


@bp.post("/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            flash(_("Le mot de passe actuel n'est pas le bon."), "error")
        else:
            current_user.set_password(form.password.data)
            keep = current_user.session_token
            ended = sessions.end_other_sessions(db.session, current_user, keep)
            db.session.commit()
            flash(
                _(
                    "Mot de passe changé. Sessions fermées sur vos autres appareils : %(n)d.",
                    n=ended,
                ),
                "success",
            )
            return redirect(url_for("accounts.account"))
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text} : {error}", "error")
    return redirect(url_for("accounts.account"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    if EmptyForm().validate_on_submit():
        sessions.end_other_sessions(db.session, current_user)
        db.session.commit()
        logout_user()
        flash(_("Vous êtes déconnecté partout, sur tous vos appareils."), "info")
    return redirect(url_for("core.home"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = services.normalise_email(form.email.data)
        if current_app.config["RESET_IN_BACKGROUND"]:
            mails.in_background(mails.handle_reset_request, email, str(get_locale() or "fr"))
        else:
            mails.handle_reset_request(email, str(get_locale() or "fr"))
        # The same answer either way, so the form does not reveal who has an account.
        flash(_("Si un compte existe pour cette adresse, un lien vient d'être envoyé."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.get("/reset/<token>")
def reset_link(token: str):
    try:
        services.user_from_reset_token(db.session, token)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("accounts.reset_request"))
    session[RESET_KEY] = token
    return redirect(url_for("accounts.new_password"))


@bp.route("/password/new", methods=["GET", "POST"])
def new_password():
    token = session.get(RESET_KEY)
    if not token:
        flash(_("Ouvrez le lien reçu par e-mail pour choisir un nouveau mot de passe."), "error")
        return redirect(url_for("accounts.reset_request"))
    try:
        services.user_from_reset_token(db.session, token)
    except services.AccountError as exc:
        session.pop(RESET_KEY, None)
        flash(str(exc), "error")
        return redirect(url_for("accounts.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = services.reset_password(db.session, token, form.password.data)
        # Whoever knew the old password is out: every session of the account ends.
        sessions.end_other_sessions(db.session, user)
        db.session.commit()
        session.pop(RESET_KEY, None)
        if current_user.is_authenticated:
            log_out_here()
        flash(_("Mot de passe changé : connectez-vous."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)
