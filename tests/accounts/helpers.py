"""What a person does with their mailbox: read the messages procure sent, follow a link."""

from __future__ import annotations

import re
from email import message_from_bytes
from email.message import Message
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token

NEW_PASSWORD = "un-mot-de-passe-long"


def mails(app: Flask, to: str | None = None) -> list[Message]:
    """Messages in the file outbox, oldest first (optionally only those to `to`)."""
    outbox = Path(app.config["OUTBOX_DIR"])
    found = [message_from_bytes(p.read_bytes()) for p in sorted(outbox.glob("*.eml"))]
    return [m for m in found if to is None or m["To"] == to]


def body(message: Message) -> str:
    part = message.get_body(("plain",)) if message.is_multipart() else message
    return part.get_payload(decode=True).decode()


def link(app: Flask, to: str, path: str) -> str:
    """The local path of the last link to `path` mailed to `to`."""
    for message in reversed(mails(app, to)):
        match = re.search(rf"http://localhost({re.escape(path)}\S+)", body(message))
        if match:
            return match.group(1)
    raise AssertionError(f"no {path} link mailed to {to}")


def signup(client: FlaskClient, email: str, role: str = "buyer", **fields: str):
    data = {
        "csrf_token": csrf_token(client, "/account/signup"),
        "role": role,
        "name": "Léa Dupont",
        "organisation": "Ville de Lunel" if role == "buyer" else "",
        "email": email,
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    }
    data.update(fields)
    return client.post("/account/signup", data=data)


def confirm_address(client: FlaskClient, app: Flask, email: str):
    """Open the confirmation link mailed to `email` (logs the browser in)."""
    return client.get(link(app, email, "/account/verify/"))


def signup_and_confirm(client: FlaskClient, app: Flask, email: str, role: str = "buyer", **fields):
    response = signup(client, email, role, **fields)
    assert response.headers["Location"] == "/account/signup/done", response.status
    return confirm_address(client, app, email)


def logout(client: FlaskClient):
    return client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})
