"""A real SMTP server (aiosmtpd) on 127.0.0.1 and small builders of tenders and suppliers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from procure.accounts.models import Role
from procure.matching.service import forget_index
from procure.suppliers.models import Supplier
from tests.factories import make_user


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """Keeps every message the server accepted."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        parsed = message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.recorder = Recorder()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.recorder.messages


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_config(app, smtp_port, monkeypatch) -> dict[str, str]:
    """Point the app (and `procure` subprocesses, through the returned env) at the port."""
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", smtp_port)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    return {
        "PROCURE_MAIL_SERVER": "127.0.0.1",
        "PROCURE_MAIL_PORT": str(smtp_port),
        "PROCURE_MAIL_USE_TLS": "false",
    }


@pytest.fixture
def smtp(smtp_config, smtp_port) -> Iterator[SmtpServer]:
    server = SmtpServer(smtp_port)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down(smtp_config, smtp_port) -> Iterator[SmtpServer]:
    """A server that is not listening yet: `start()` brings it up on the same port."""
    server = SmtpServer(smtp_port)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    forget_index()  # tables are truncated between tests: never reuse a cached index
    yield
    forget_index()


def make_supplier_user(supplier: Supplier, email: str | None = None, **kwargs):
    return make_user(Role.SUPPLIER, email, supplier_id=supplier.id, **kwargs)
