"""Members of a buying organisation: invitations, and the facilitator's approvals."""

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from procure.accounts import mails, organisations, services
from procure.accounts.blueprint import bp, log_in
from procure.accounts.forms import AcceptInvitationForm, EmptyForm, InviteForm
from procure.accounts.models import JoinRequest, Organisation, Role
from procure.core.auth import admin_required
from procure.core.nav import register_nav
from procure.extensions import db, limiter

INVITATION_KEY = "invitation_token"
DECISIONS = {"approve": True, "reject": False}


@bp.record_once
def _nav(state) -> None:
    register_nav(state.app, "accounts.admin_organisations", _l("Organisations"), [Role.ADMIN])
    register_nav(state.app, "accounts.account", _l("Mon compte"), list(Role))


@bp.post("/organisation/invite")
@login_required
@limiter.limit("30 per hour")
def invite():
    if not current_user.may_act_as_buyer:
        abort(403)
    form = InviteForm()
    if form.validate_on_submit():
        email = services.normalise_email(form.email.data)
        org = current_user.organisation
        token = organisations.make_invitation(org, current_user, email)
        mails.send_invitation(email, org, current_user, token)
        # Said the same way whether or not the address has an account.
        flash(_("Invitation envoyée à %(email)s.", email=email), "success")
    else:
        flash(_("Indiquez une adresse e-mail valide."), "error")
    return redirect(url_for("accounts.account"))


@bp.get("/invitation/<token>")
def invitation_link(token: str):
    """Moves the token into the session, so that it leaves the URL (and the access logs)."""
    try:
        organisations.read_invitation(db.session, token)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("core.home"))
    session[INVITATION_KEY] = token
    return redirect(url_for("accounts.invitation"))


@bp.route("/invitation", methods=["GET", "POST"])
def invitation():
    token = session.get(INVITATION_KEY)
    if not token:
        abort(404)
    try:
        org, email = organisations.read_invitation(db.session, token)
    except services.AccountError as exc:
        session.pop(INVITATION_KEY, None)
        flash(str(exc), "error")
        return redirect(url_for("core.home"))
    existing = services.find_user(db.session, email)
    if existing is None:
        form = AcceptInvitationForm()
        if form.validate_on_submit():
            user = organisations.accept_as_new_account(
                db.session, org, email, form.name.data, form.password.data
            )
            session.pop(INVITATION_KEY, None)
            log_in(user)
            flash(_("Bienvenue dans %(name)s !", name=org.name), "success")
            return redirect(url_for("core.home"))
        return render_template("accounts/invitation.html", org=org, email=email, form=form)
    if not current_user.is_authenticated or current_user.id != existing.id:
        return render_template("accounts/invitation.html", org=org, email=email, needs_login=True)
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            organisations.accept_as_existing_account(db.session, org, current_user)
        except services.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Vous avez rejoint %(name)s.", name=org.name), "success")
        session.pop(INVITATION_KEY, None)
        return redirect(url_for("accounts.account"))
    return render_template("accounts/invitation.html", org=org, email=email, join_form=form)


@bp.get("/admin/organisations")
@admin_required
def admin_organisations():
    return render_template(
        "accounts/admin_organisations.html",
        organisations=organisations.pending_organisations(db.session),
        requests=organisations.pending_join_requests(db.session),
        form=EmptyForm(),
    )


@bp.post("/admin/organisations/<int:org_id>/<decision>")
@admin_required
def decide_organisation(org_id: int, decision: str):
    if decision not in DECISIONS or not EmptyForm().validate_on_submit():
        abort(400)
    org = db.get_or_404(Organisation, org_id)
    try:
        organisations.decide_organisation(db.session, org, DECISIONS[decision])
    except services.AccountError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        if DECISIONS[decision]:
            flash(_("%(name)s est validée.", name=org.name), "success")
        else:
            flash(_("%(name)s est refusée.", name=org.name), "info")
    return redirect(url_for("accounts.admin_organisations"))


@bp.post("/admin/join-requests/<int:request_id>/<decision>")
@admin_required
def decide_join_request(request_id: int, decision: str):
    if decision not in DECISIONS or not EmptyForm().validate_on_submit():
        abort(400)
    join_request = db.get_or_404(JoinRequest, request_id)
    user, org = join_request.user, join_request.organisation
    organisations.decide_join_request(db.session, join_request, DECISIONS[decision])
    db.session.commit()
    if DECISIONS[decision]:
        flash(_("%(email)s a rejoint %(name)s.", email=user.email, name=org.name), "success")
    else:
        flash(_("Demande de %(email)s refusée.", email=user.email), "info")
    return redirect(url_for("accounts.admin_organisations"))
