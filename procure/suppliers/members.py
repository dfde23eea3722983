"""Several users may belong to one supplier: inviting one by e-mail.

The answer is the same whatever the address ("an invitation was sent"), and so is the list
of members, which shows confirmed accounts only; what differs is the e-mail the address
receives:

- no account: an account is opened, unconfirmed and with an unusable password, with a link
  to choose one (the password-reset token, which works once and confirms the address);
- a supplier account without a structure: a link to join, which works for that account only,
  once logged in (nobody is attached without saying so);
- any other account (another structure, another role): a notice that it cannot join.

Nobody is moved from another structure.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from datetime import timedelta
from enum import StrEnum

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from procure.accounts import services as accounts
from procure.accounts import tokens
from procure.accounts.models import Role, User
from procure.mail.transport import build_message, deliver
from procure.suppliers.models import Supplier

log = logging.getLogger(__name__)
JOIN = "procure.supplier-join"
JOIN_MAX_AGE = timedelta(days=7)


class Invited(StrEnum):
    NEW = "new"  # no account: one opened, unconfirmed, with a link to choose a password
    MAY_JOIN = "may_join"  # a supplier account without a structure: a link to join
    CANNOT_JOIN = "cannot_join"  # any other account: told it cannot join


def add_member(session: Session, supplier: Supplier, email: str, name: str = "") -> Invited:
    """What to send; AccountError only when the person is already a member (then listed)."""
    user = accounts.find_user(session, email)
    if user is None:
        accounts.create_user(
            session,
            email,
            secrets.token_urlsafe(32),
            Role.SUPPLIER,
            name=name,
            supplier_id=supplier.id,
            verified=False,  # confirmed when its owner chooses a password from the link
        )
        return Invited.NEW
    if user.supplier_id == supplier.id:
        raise accounts.AccountError(_("Cette personne fait déjà partie de la structure."))
    if user.role == Role.SUPPLIER and user.supplier_id is None:
        return Invited.MAY_JOIN
    return Invited.CANNOT_JOIN


def send_invitation(session: Session, invited: Invited, email: str, supplier: Supplier) -> None:
    """After the commit: the e-mail of each case (see the module)."""
    user = accounts.find_user(session, email)
    assert user is not None or invited == Invited.CANNOT_JOIN
    base = current_app.config["BASE_URL"].rstrip("/")
    language = user.language if user else "fr"
    with force_locale(language):
        if invited == Invited.NEW and user is not None:
            link = f"{base}/account/reset/{accounts.make_reset_token(user)}"
            subject = _("procure : vous avez été ajouté à %(name)s", name=supplier.name)
            text = render_template("suppliers/email/invite.txt", supplier=supplier, link=link)
        elif invited == Invited.MAY_JOIN and user is not None:
            token = tokens.sign(JOIN, {"s": supplier.id, "u": user.id})
            link = f"{base}/suppliers/join/{token}"
            subject = _("procure : vous êtes invité à rejoindre %(name)s", name=supplier.name)
            text = render_template("suppliers/email/join.txt", supplier=supplier, link=link)
        else:
            subject = _("procure : invitation à rejoindre %(name)s", name=supplier.name)
            text = render_template("suppliers/email/cannot_join.txt", supplier=supplier)
    try:
        deliver(build_message(email, subject, text))
    except (OSError, smtplib.SMTPException) as exc:  # the page answers the same
        log.warning("member invitation to %s failed: %s", email, exc)


def join(session: Session, user: User, token: str) -> Supplier:
    """Attach `user` to the structure its invitation names; AccountError when the link is
    not valid, not this account's, or the account can no longer join."""
    try:
        data = tokens.unsign(JOIN, token, int(JOIN_MAX_AGE.total_seconds()))
    except tokens.TokenError as exc:
        raise accounts.AccountError(str(exc)) from exc
    supplier = session.get(Supplier, data.get("s"))
    if data.get("u") != user.id or supplier is None:
        raise accounts.AccountError(_("Cette invitation est destinée à un autre compte."))
    if user.supplier_id == supplier.id:
        return supplier
    if user.role != Role.SUPPLIER or user.supplier_id is not None:
        raise accounts.AccountError(_("Votre compte fait déjà partie d'une autre structure."))
    user.supplier_id = supplier.id
    session.flush()
    return supplier
