"""E-mails about accounts."""

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from procure.accounts.models import User
from procure.mail.transport import build_message, deliver


def send_reset_email(user: User, token: str) -> None:
    link = current_app.config["BASE_URL"].rstrip("/") + f"/account/reset/{token}"
    minutes = int(current_app.config["PASSWORD_RESET_MAX_AGE"]) // 60
    with force_locale(user.language):
        subject = _("procure : changer votre mot de passe")
        text = render_template("accounts/email/reset.txt", user=user, link=link, minutes=minutes)
    deliver(build_message(user.email, subject, text))
