"""Notification preferences (logged in), and the links of e-mails that need no log-in:
unsubscribe (RFC 8058 one-click) and a supplier's answer to a tender."""

from __future__ import annotations

from typing import NoReturn

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from procure.digests import links, services
from procure.digests.forms import (
    FREQUENCY_LABELS,
    LANGUAGE_LABELS,
    ConfirmAnswerForm,
    PreferencesForm,
)
from procure.extensions import csrf, db
from procure.tenders.answers import record_interest
from procure.tenders.models import Answer

bp = Blueprint("digests", __name__)


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    user = current_user._get_current_object()
    form = PreferencesForm(frequency=str(user.digest_frequency), language=user.language)
    form.frequency.choices = [
        (str(f), FREQUENCY_LABELS[str(f)]) for f in services.frequencies_for(user)
    ]
    languages = list(current_app.config["LANGUAGES"])
    form.language.choices = [(code, LANGUAGE_LABELS.get(code, code)) for code in languages]
    if form.validate_on_submit():
        services.set_preferences(
            db.session, user, form.frequency.data, form.language.data, languages
        )
        db.session.commit()
        flash(_("Vos préférences de notification sont enregistrées."), "success")
        return redirect(url_for("digests.preferences"))
    return render_template("digests/preferences.html", form=form)


def _bad_link(message: str) -> NoReturn:
    abort(make_response(render_template("digests/bad_link.html", message=message), 400))


def _user_id_or_400(token: str) -> int:
    try:
        return links.user_id_from_unsubscribe_token(token)
    except links.BadToken:
        _bad_link(_("Ce lien de désabonnement n'est pas valide."))


@bp.get("/notifications/unsubscribe/<token>")
def unsubscribe_page(token: str):
    """A page with one button: following a link must not change anything by itself
    (link scanners fetch every URL of a message)."""
    _user_id_or_400(token)
    return render_template("digests/unsubscribe.html", token=token, done=False)


@bp.post("/notifications/unsubscribe/<token>")
@csrf.exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no session;
# the signed token, which names the user, is the authentication.
def unsubscribe(token: str):
    user = services.unsubscribe(db.session, _user_id_or_400(token))
    if user is None:
        abort(404)
    db.session.commit()
    return render_template("digests/unsubscribe.html", token=token, done=True)


@bp.route("/notifications/interest/<token>", methods=["GET", "POST"])
def interest(token: str):
    """A supplier's answer from an alert: confirmed by a button (CSRF-protected POST)."""
    try:
        supplier_id, tender_id, answer = links.interest_from_token(token)
        supplier, tender = services.interest_target(db.session, supplier_id, tender_id)
    except (links.BadToken, services.NotificationError):
        _bad_link(_("Ce lien de réponse n'est pas valide."))
    if answer not in tuple(Answer):
        _bad_link(_("Ce lien de réponse n'est pas valide."))
    form = ConfirmAnswerForm()
    done = False
    if form.validate_on_submit():
        record_interest(db.session, supplier.id, tender.id, answer, form.reason.data)
        db.session.commit()
        done = True
    return render_template(
        "digests/interest.html",
        form=form,
        supplier=supplier,
        tender=tender,
        answer=answer,
        done=done,
    )
