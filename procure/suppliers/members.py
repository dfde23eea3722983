"""Several users may belong to one supplier: adding one by e-mail.

A new address gets an account with an unusable random password and an e-mail with a link
to choose one (the password-reset token, which works once); an existing supplier account
without a structure is attached. Nobody is moved from another structure.
"""

from __future__ import annotations

import secrets

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from procure.accounts import services as accounts
from procure.accounts.models import Role, User
from procure.mail.transport import build_message, deliver
from procure.suppliers.models import Supplier


def add_member(
    session: Session, supplier: Supplier, email: str, name: str = ""
) -> tuple[User, bool]:
    """Return (user, created); AccountError with a message when the address is taken."""
    user = accounts.find_user(session, email)
    if user is None:
        user = accounts.create_user(
            session,
            email,
            secrets.token_urlsafe(32),
            Role.SUPPLIER,
            name=name,
            supplier_id=supplier.id,
        )
        return user, True
    if user.supplier_id == supplier.id:
        raise accounts.AccountError(_("Cette personne fait déjà partie de la structure."))
    if user.role != Role.SUPPLIER or user.supplier_id is not None:
        raise accounts.AccountError(
            _("Cette adresse a déjà un compte qui ne peut pas rejoindre cette structure.")
        )
    user.supplier_id = supplier.id
    session.flush()
    return user, False


def send_invitation(user: User, supplier: Supplier) -> None:
    """After the commit: the link to choose a password."""
    token = accounts.make_reset_token(user)
    link = current_app.config["BASE_URL"].rstrip("/") + f"/account/reset/{token}"
    with force_locale(user.language):
        subject = _("procure : vous avez été ajouté à %(name)s", name=supplier.name)
        text = render_template("suppliers/email/invite.txt", supplier=supplier, link=link)
    deliver(build_message(user.email, subject, text))
