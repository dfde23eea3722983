"""Delivery of one e-mail: SMTP when PROCURE_MAIL_SERVER is set, else a file outbox under
instance/ that the web app shows (the demo)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from flask import current_app

from procure.timeutil import utcnow


def build_message(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    conf = current_app.config
    msg = EmailMessage()
    msg["From"] = conf["MAIL_SENDER"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or make_msgid(domain="procure.localhost")
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


def deliver(msg: EmailMessage, config: dict[str, Any] | None = None) -> None:
    """Hand one message to the SMTP server or to the file outbox; raise on failure."""
    conf = config or current_app.config
    if conf.get("MAIL_SERVER"):
        with smtplib.SMTP(conf["MAIL_SERVER"], int(conf["MAIL_PORT"]), timeout=30) as smtp:
            if conf.get("MAIL_USE_TLS"):
                smtp.starttls()
            if conf.get("MAIL_USERNAME"):
                smtp.login(conf["MAIL_USERNAME"], conf["MAIL_PASSWORD"])
            smtp.send_message(msg)
        return
    outbox = Path(conf["OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    safe_id = "".join(ch for ch in str(msg["Message-ID"]) if ch.isalnum())[:40]
    (outbox / f"{stamp}-{safe_id}.eml").write_bytes(bytes(msg))


class Mailer:
    """Delivers many messages over one SMTP connection (or to the file outbox).

    A connection that failed is dropped and opened again for the next message, so one bad
    message does not fail the rest of the batch; if the server is down every message fails
    quickly with the connection error.
    """

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.conf = dict(config or current_app.config)
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        conf = self.conf
        smtp = smtplib.SMTP(conf["MAIL_SERVER"], int(conf["MAIL_PORT"]), timeout=30)
        try:
            if conf.get("MAIL_USE_TLS"):
                smtp.starttls()
            if conf.get("MAIL_USERNAME"):
                smtp.login(conf["MAIL_USERNAME"], conf["MAIL_PASSWORD"])
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, msg: EmailMessage) -> None:
        """Return once the server accepted the message (250 to DATA); raise otherwise."""
        if not self.conf.get("MAIL_SERVER"):
            deliver(msg, self.conf)
            return
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(msg)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None
