"""`procure digest send` exit status: 0 with a loud warning on partial failure, 2 when the
server cannot be reached and something was due, 0 when there was nothing to deliver."""

from __future__ import annotations

from aiosmtpd.controller import Controller
from sqlalchemy import select

from procure.extensions import db
from procure.mail.models import MessageStatus, OutboxMessage
from tests.digests.conftest import Recorder
from tests.factories import make_buyer, make_tender

REFUSED = "buyer1@ville1.example.fr"


class RefusesOne(Recorder):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def buyers(n: int) -> None:
    for i in range(n):
        buyer = make_buyer(f"buyer{i}@ville{i}.example.fr", organisation=f"Ville {i}")
        make_tender(buyer=buyer, title=f"Entretien des espaces verts, lot {i}")
    db.session.commit()


def test_unreachable_server_with_mail_due_exits_2_loudly(app_ctx, runner, smtp_down):
    buyers(2)
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 2
    assert "ERROR: the mail server could not be reached; nothing was delivered" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "sent=0 skipped=0 failed=2"
    statuses = db.session.scalars(select(OutboxMessage.status)).all()
    assert statuses == [MessageStatus.FAILED] * 2  # kept, retried later


def test_unreachable_server_with_nothing_due_exits_0(app_ctx, runner, smtp_down):
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.strip().splitlines()[-1] == "sent=0 skipped=0 failed=0"


def test_partial_failure_exits_0_with_a_warning(app_ctx, runner, smtp_config, smtp_port):
    buyers(3)
    handler = RefusesOne()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        result = runner.invoke(args=["digest", "send"])
    finally:
        controller.stop()
    assert result.exit_code == 0
    assert "failed: digest" in result.stderr and REFUSED in result.stderr
    assert "WARNING: 1 of 3 deliveries failed" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "sent=2 skipped=0 failed=1"
    assert len(handler.messages) == 2
