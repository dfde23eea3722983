"""Sign-up, address confirmation, log-in and log-out."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from procure.accounts import mails, organisation_views, password_views, services, throttle
from procure.accounts import signup as signup_service
from procure.accounts.blueprint import bp, clock, log_in, log_out_here
from procure.accounts.forms import EmptyForm, LoginForm, ResendForm, SignupForm
from procure.accounts.models import Role
from procure.core.urls import safe_next
from procure.extensions import db, limiter

# The other account pages register their routes on the same blueprint when imported.
__all__ = ["bp", "organisation_views", "password_views"]


def _signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    resend_form = None
    if form.validate_on_submit():
        email = services.normalise_email(form.email.data)
        address = get_remote_address()
        blocked = throttle.blocked(email, address)
        if blocked is not None:
            until = clock(blocked.until)
            return render_template("accounts/login.html", form=form, until=until), 429
        user = services.authenticate(db.session, email, form.password.data)
        if user is None:
            throttle.record_failure(email, address)
            flash(_("Adresse e-mail ou mot de passe incorrect."), "error")
        elif not user.is_verified:
            resend_form = ResendForm(email=email)
            flash(
                _(
                    "Confirmez d'abord votre adresse e-mail : ouvrez le lien que nous vous "
                    "avons envoyé. Vous ne le trouvez pas ? Demandez-en un nouveau ci-dessous."
                ),
                "error",
            )
        else:
            log_in(user, remember=bool(form.remember.data))
            return redirect(safe_next(form.next.data) or url_for("core.home"))
    return render_template("accounts/login.html", form=form, resend_form=resend_form)


@bp.post("/logout")
@login_required
def logout():
    if EmptyForm().validate_on_submit():
        log_out_here()
        flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("core.home"))


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_signup_limit, methods=["POST"])
def signup():
    form = SignupForm()
    if request.method == "GET" and request.args.get("role") in (Role.BUYER, Role.SUPPLIER):
        form.role.data = request.args["role"]
    if form.validate_on_submit():
        role = Role(form.role.data)
        organisation = (form.organisation.data or "").strip() if role == Role.BUYER else ""
        if role == Role.BUYER and not organisation:
            form.organisation.errors = [_("Indiquez votre organisation acheteuse.")]
        else:
            message_id = signup_service.register(
                db.session, role, form.name.data, form.email.data, form.password.data, organisation
            )
            db.session.commit()
            mails.send_now(db.session, message_id)
            return redirect(url_for("accounts.signup_done"))
    return render_template("accounts/signup.html", form=form)


@bp.get("/signup/done")
def signup_done():
    return render_template("accounts/signup_done.html")


@bp.get("/verify/<token>")
def verify(token: str):
    """The link is spent on its first use, so its token is of no use to anyone afterwards."""
    try:
        user = signup_service.confirm(db.session, token)
    except services.AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("accounts.login"))
    log_in(user)
    flash(_("Adresse confirmée : bienvenue sur procure !"), "success")
    if user.role == Role.SUPPLIER and "suppliers.register" in current_app.view_functions:
        return redirect(url_for("suppliers.register"))
    if user.role == Role.BUYER and not user.may_act_as_buyer:
        return redirect(url_for("accounts.account"))
    return redirect(url_for("core.home"))


@bp.post("/verify/resend")
@limiter.limit("5 per hour")
def resend_confirmation():
    form = ResendForm()
    if not form.validate_on_submit():
        abort(400)
    message_id = signup_service.resend(db.session, form.email.data)
    db.session.commit()
    mails.send_now(db.session, message_id)
    flash(
        _(
            "Si un compte attend une confirmation pour cette adresse, un nouveau lien vient "
            "d'être envoyé."
        ),
        "info",
    )
    return redirect(url_for("accounts.login"))


@bp.app_context_processor
def inject_forms() -> dict[str, object]:
    return {"logout_form": EmptyForm() if current_user.is_authenticated else None}
