"""`procure digest send` against a real SMTP server: once, never twice, nothing lost."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select, update

from procure.digests import delivery
from procure.digests.models import MessageKind
from procure.digests.periods import week_key
from procure.extensions import db
from procure.mail import claims
from procure.mail.models import MessageStatus, OutboxMessage
from procure.mail.outbox import Draft, queue_message
from procure.timeutil import utcnow
from tests.factories import make_buyer, make_tender


def _buyers_with_tenders(n: int = 2):
    buyers = []
    for i in range(n):
        buyer = make_buyer(f"buyer{i}@ville{i}.example.fr", organisation=f"Ville {i}")
        make_tender(buyer=buyer, title=f"Entretien des espaces verts, lot {i}")
        buyers.append(buyer)
    db.session.commit()
    return buyers


def _send(runner) -> str:
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def _statuses() -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(select(OutboxMessage.status)))


def test_each_buyer_with_open_tenders_gets_one_digest_and_a_rerun_sends_nothing(
    app_ctx, runner, smtp
):
    buyers = _buyers_with_tenders(2)
    idle = make_buyer("idle@ville9.example.fr", organisation="Ville sans marché")
    assert _send(runner) == "sent=2 skipped=0 failed=0"
    assert [len(smtp.recorder.to(b.email)) for b in buyers] == [1, 1]
    assert smtp.recorder.to(idle.email) == []
    assert _send(runner) == "sent=0 skipped=0 failed=0"
    assert len(smtp.messages) == 2
    message = smtp.recorder.to(buyers[0].email)[0]
    assert "Entretien des espaces verts, lot 0" in message.get_body(("plain",)).get_content()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http://localhost/notifications/unsubscribe/")
    row = db.session.scalar(select(OutboxMessage).where(OutboxMessage.user_id == buyers[0].id))
    assert message["Message-ID"] == row.message_id and row.status == MessageStatus.SENT


def test_server_down_reports_failures_loses_nothing_and_a_later_run_sends_once(
    app_ctx, runner, smtp_down
):
    buyers = _buyers_with_tenders(3)
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 2  # nothing delivered, server unreachable (tests/edge)
    assert result.output.strip().splitlines()[-1] == "sent=0 skipped=0 failed=3"
    assert "Connection refused" in result.output or "ConnectionRefused" in result.output
    rows = db.session.scalars(select(OutboxMessage)).all()
    assert [r.status for r in rows] == [MessageStatus.FAILED] * 3
    assert all(r.last_error and r.attempts == 1 and r.next_attempt_at for r in rows)

    smtp_down.start()
    assert _send(runner) == "sent=3 skipped=0 failed=0"
    assert _send(runner) == "sent=0 skipped=0 failed=0"
    assert sorted(m["To"] for m in smtp_down.messages) == sorted(b.email for b in buyers)
    assert _statuses() == [MessageStatus.SENT] * 3


def test_two_processes_started_together_deliver_each_message_once(
    app_ctx, cli_env, smtp, smtp_config
):
    buyers = _buyers_with_tenders(4)
    env = {**cli_env, **smtp_config}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "procure", "digest", "send"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    sent = sum(int(out.strip().splitlines()[-1].split()[0].split("=")[1]) for out, _ in outputs)
    assert sent == 4
    assert sorted(m["To"] for m in smtp.messages) == sorted(b.email for b in buyers)
    assert _statuses() == [MessageStatus.SENT] * 4


def _draft(user_id: int, email: str, period: str = "2026-W48") -> Draft:
    return Draft(user_id, email, MessageKind.DIGEST, period, "Sujet", "Texte")


def test_queueing_is_idempotent_per_recipient_and_period(app_ctx):
    buyer = make_buyer()
    assert queue_message(db.session, _draft(buyer.id, buyer.email)) is not None
    assert queue_message(db.session, _draft(buyer.id, buyer.email)) is None
    assert queue_message(db.session, _draft(buyer.id, buyer.email, "2026-W49")) is not None
    db.session.commit()
    assert len(db.session.scalars(select(OutboxMessage)).all()) == 2


def test_a_claimed_row_cannot_be_claimed_again_until_it_is_stale(app_ctx):
    buyer = make_buyer()
    row_id = queue_message(db.session, _draft(buyer.id, buyer.email))
    db.session.commit()
    assert claims.claim(db.session, row_id, "a", retry_failed_now=True)
    db.session.commit()
    assert not claims.claim(db.session, row_id, "b", retry_failed_now=True)
    # A sender that crashed after claiming: the row is retried once it is stale.
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id)
        .values(claimed_at=utcnow() - claims.STALE_AFTER - timedelta(minutes=1))
    )
    assert claims.claim(db.session, row_id, "b", retry_failed_now=True)
    db.session.commit()
    row = db.session.get(OutboxMessage, row_id, populate_existing=True)
    assert (row.claimed_by, row.attempts) == ("b", 2)


def test_scheduled_retries_back_off_but_a_manual_run_retries_at_once(app_ctx, smtp_down):
    buyer = make_buyer()
    queue_message(db.session, _draft(buyer.id, buyer.email))
    db.session.commit()
    assert delivery.deliver_pending(db.session).failed == 1
    report = delivery.deliver_pending(db.session)  # the scheduler: back-off not over yet
    assert (report.sent, report.failed, report.skipped) == (0, 0, 0)
    smtp_down.start()
    assert delivery.deliver_pending(db.session, retry_failed_now=True).sent == 1
    assert claims.backoff(1) == timedelta(minutes=5)
    assert claims.backoff(3) == timedelta(minutes=20)
    assert claims.backoff(30) == claims.LONGEST_WAIT


def test_a_message_to_someone_who_opted_out_meanwhile_is_not_sent(app_ctx, smtp):
    buyer = make_buyer()
    queue_message(db.session, _draft(buyer.id, buyer.email))
    buyer.digest_frequency = "off"
    db.session.commit()
    report = delivery.deliver_pending(db.session)
    assert (report.sent, report.skipped) == (0, 1)
    assert smtp.messages == []
    assert _statuses() == [MessageStatus.CANCELLED]


def test_dry_run_shows_what_would_go_and_writes_or_sends_nothing(app_ctx, runner, smtp):
    buyers = _buyers_with_tenders(1)
    result = runner.invoke(args=["digest", "send", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"would queue digest {week_key(utcnow())} to {buyers[0].email}" in result.output
    assert result.output.strip().splitlines()[-1] == "sent=0 skipped=1 failed=0"
    assert db.session.scalars(select(OutboxMessage)).all() == []
    assert smtp.messages == []


def test_an_unreachable_server_stops_the_run_and_leaves_the_rest_pending(app_ctx, smtp_down):
    for _ in range(delivery.UNREACHABLE_AFTER + 3):
        buyer = make_buyer()
        queue_message(db.session, _draft(buyer.id, buyer.email))
    db.session.commit()
    report = delivery.deliver_pending(db.session)
    assert (report.failed, report.skipped) == (delivery.UNREACHABLE_AFTER, 3)
    assert _statuses().count(MessageStatus.PENDING) == 3
    smtp_down.start()
    assert delivery.deliver_pending(db.session, retry_failed_now=True).sent == 8
    assert len(smtp_down.messages) == 8
