"""E-mails about accounts, through the outbox (procure.mail).

Mail to an account (password reset, address confirmation, "someone signed up with your
address") is one outbox row, written in the request's transaction: the row exists exactly
once whatever happens next. Right after the commit `send_now` delivers that row with the
outbox's own claim (procure.mail.claims.claim), so a scheduler running at the same
moment cannot send it a second time; if the mail server is down the row is left `failed`
and the scheduler's retries deliver it later. These kinds are transactional: `send_now`
adds no unsubscribe header, and the scheduler's retries must not either nor cancel them for
people who turned digests off (procure.digests.delivery: only `OPTIONAL_KINDS`, digest and
alert, are optional).

An invitation goes to an address that may have no account (the outbox keys rows by user),
so it is handed to procure.mail directly, once, after the commit.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from procure.accounts import services
from procure.accounts.models import Organisation, User
from procure.extensions import db, remove_session
from procure.mail.claims import backoff, claim, worker_name
from procure.mail.links import base_url
from procure.mail.models import MessageStatus, OutboxMessage
from procure.mail.outbox import Draft, queue_message
from procure.mail.transport import Mailer, build_message, deliver
from procure.timeutil import utcnow

log = logging.getLogger(__name__)

RESET = "reset"
VERIFY = "verify"
EXISTS = "signup"  # someone tried to sign up with an address that has an account
TRANSACTIONAL = frozenset({RESET, VERIFY, EXISTS})


def _queue(session: Session, user: User, kind: str, subject: str, text: str) -> int | None:
    # Each request is its own message (the outbox's unique key wants a period): random, so
    # that a second request, however soon, is never swallowed as a duplicate of the first.
    period = secrets.token_hex(6)
    return queue_message(session, Draft(user.id, user.email, kind, period, subject, text))


def queue_reset(session: Session, user: User, token: str, max_age: int) -> int | None:
    link = f"{base_url()}/account/reset/{token}"
    with force_locale(user.language):
        subject = _("procure : changer votre mot de passe")
        text = render_template(
            "accounts/email/reset.txt", user=user, link=link, minutes=max_age // 60
        )
    return _queue(session, user, RESET, subject, text)


def queue_verification(session: Session, user: User, token: str, max_age: int) -> int | None:
    link = f"{base_url()}/account/verify/{token}"
    with force_locale(user.language):
        subject = _("procure : confirmez votre adresse e-mail")
        text = render_template(
            "accounts/email/verify.txt", user=user, link=link, hours=max_age // 3600
        )
    return _queue(session, user, VERIFY, subject, text)


def queue_signup_notice(session: Session, user: User) -> int | None:
    with force_locale(user.language):
        subject = _("procure : votre adresse a servi à une inscription")
        text = render_template(
            "accounts/email/signup_exists.txt",
            user=user,
            login=f"{base_url()}/account/login",
            reset=f"{base_url()}/account/reset",
        )
    return _queue(session, user, EXISTS, subject, text)


def send_now(session: Session, message_id: int | None) -> None:
    """Deliver one committed outbox row at once (commits); failures are left to retries."""
    if message_id is None or not claim(session, message_id, worker_name(), False):
        session.rollback()
        return
    session.commit()
    message = session.get(OutboxMessage, message_id, populate_existing=True)
    assert message is not None
    email = build_message(
        message.recipient,
        message.subject,
        message.text,
        headers={"Auto-Submitted": "auto-generated"},
        message_id=message.message_id,
    )
    try:
        with Mailer() as mailer:
            mailer.send(email)
    except (OSError, smtplib.SMTPException) as exc:
        message.status = MessageStatus.FAILED
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.next_attempt_at = utcnow() + backoff(message.attempts)
        log.warning("account mail %s to %s failed: %s", message.id, message.recipient, exc)
    else:
        message.status = MessageStatus.SENT
        message.sent_at = utcnow()
        message.last_error = ""
    session.commit()


def handle_reset_request(email: str, language: str) -> None:
    """The work of a reset request (commits): the link for an active account; for any other
    address a token is signed all the same and nothing is sent (procure never mails an
    address nobody registered). The request itself is answered before this work runs."""
    user = services.find_user(db.session, email)
    if user is not None and user.is_active:
        token = services.make_reset_token(user)
        max_age = int(current_app.config["PASSWORD_RESET_MAX_AGE"])
        message_id = queue_reset(db.session, user, token, max_age)
        db.session.commit()
        send_now(db.session, message_id)
    else:
        db.session.commit()
        services.make_decoy_reset_token()


_background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="account-mail")


def in_background(work: Callable[..., None], *args: object) -> None:
    """Run `work(*args)` after the request, in this process's account-mail thread, with an
    app context and a session of its own; a failure is logged (the outbox retries mail)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def run() -> None:
        # a request context of its own (templates read the visitor), outside any request
        with app.test_request_context(base_url=app.config["BASE_URL"]):
            try:
                work(*args)
            except Exception:
                log.exception("account mail work failed")
            finally:
                remove_session()

    _background.submit(run)


def drain() -> None:
    """Wait until the work handed to the account-mail thread so far is done."""
    _background.submit(lambda: None).result()


def send_invitation(email: str, organisation: Organisation, inviter: User, token: str) -> None:
    """After the commit. The same message whether or not the address has an account."""
    link = f"{base_url()}/account/invitation/{token}"
    with force_locale(inviter.language):
        subject = _("procure : invitation à rejoindre %(name)s", name=organisation.name)
        text = render_template(
            "accounts/email/invite.txt", organisation=organisation, inviter=inviter, link=link
        )
    try:
        deliver(build_message(email, subject, text))
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("invitation to %s failed: %s", email, exc)
