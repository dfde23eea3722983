"""A sender killed (`kill -9`) in the middle of a delivery: what it had sent stays sent, the
message it was sending is retried once its claim is stale (15 minutes, aged here), and
every buyer receives their digest exactly once. The SMTP outage itself (queued, retried,
never sent twice) is tested in tests/digests/test_delivery.py."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from procure.extensions import db
from procure.mail.models import MessageStatus, OutboxMessage
from tests.conftest import PROCURE
from tests.digests.conftest import Recorder, SmtpServer, smtp_config, smtp_port
from tests.factories import make_buyer, make_tender

pytestmark = pytest.mark.slow
__all__ = ["smtp_config", "smtp_port"]  # fixtures used below
BUYERS = 6


class SlowRecorder(Recorder):
    """Answers each DATA after a second, and keeps a message only once it answered."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(1)
        return await super().handle_DATA(server, session, envelope)


def _sent() -> int:
    """Messages the outbox records as sent, read afresh."""
    db.session.rollback()
    return len(
        db.session.scalars(
            select(OutboxMessage.id).where(OutboxMessage.status == MessageStatus.SENT)
        ).all()
    )


def test_a_sender_killed_mid_delivery_sends_each_digest_once(
    app_ctx, cli_env, smtp_config, smtp_port
):
    buyers = [make_buyer(f"acheteur{i}@ville{i}.example.fr", f"Ville {i}") for i in range(BUYERS)]
    for buyer in buyers:
        make_tender(buyer=buyer)
    db.session.commit()
    server = SmtpServer(smtp_port)
    server.recorder = SlowRecorder()
    server.start()
    try:
        sender = subprocess.Popen(
            [PROCURE, "digest", "send"],
            env={**cli_env, **smtp_config},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while _sent() < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        # Killed while the server holds the third message (it answers after a second): the
        # two before are accepted and recorded as sent. A kill between the server's answer and
        # that record is the one window no outbox can close without the server's help: that
        # message would go twice (at least once, never lost).
        os.kill(sender.pid, signal.SIGKILL)
        sender.wait()
        before = len(server.messages)
        db.session.expire_all()
        statuses = sorted(str(s) for s in db.session.scalars(select(OutboxMessage.status)))
        # The claim of the killed sender is 15 minutes old: the next run may take it over.
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == MessageStatus.SENDING)
            .values(claimed_at=OutboxMessage.claimed_at - timedelta(minutes=16))
        )
        db.session.commit()
        rerun = subprocess.run(
            [PROCURE, "digest", "send"],
            env={**cli_env, **smtp_config},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        server.stop()
    received = sorted(m["To"] for m in server.messages)
    print(
        f"\nkilled after {before} of {BUYERS} accepted; rows then: {statuses}; "
        f"rerun: {rerun.stdout.strip().splitlines()[-1]}; received {len(received)} messages"
    )
    assert 2 <= before < BUYERS, "the kill did not land mid-delivery"
    assert received == sorted(b.email for b in buyers), "a digest lost or sent twice"
    db.session.expire_all()
    assert set(db.session.scalars(select(OutboxMessage.status))) == {MessageStatus.SENT}
