"""`procure digest send [--dry-run]`: queue the due digests and alerts, deliver the outbox."""

from __future__ import annotations

import os
import smtplib
import sys

import click
from flask.cli import with_appcontext

from procure.digests import jobs
from procure.extensions import db


@click.group("digest", help="Weekly digests, supplier alerts and the e-mail outbox.")
def digest_cli() -> None:
    pass


# Exit status of `digest send` when nothing could be delivered because the mail server could
# not be reached (partial failures keep 0: the run went through).
EXIT_UNREACHABLE = 2


def _subclass_names(*roots: type) -> set[str]:
    names, todo = set(), list(roots)
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _is_connection_error(error: str) -> bool:
    """The delivery report keeps errors as "ExceptionName: text"; connection failures are
    OSError (refused, timeout, unknown host) or SMTP disconnections."""
    names = _subclass_names(OSError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)
    names.discard("SMTPException")  # an SMTP answer (550...) came from a reachable server
    return error.split(":", 1)[0] in names


@digest_cli.command("send")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show what would be queued and delivered; write and send nothing.",
)
@with_appcontext
def send_command(dry_run: bool) -> None:
    """Queue this week's due digests and alerts, then deliver every pending message
    (failed ones are retried at once). Exit status 0 even when some deliveries failed (with a
    warning on stderr); 2 when nothing could be delivered because the server is unreachable."""
    if dry_run:
        drafts, pending = jobs.preview_due(db.session)
        for draft in drafts:
            click.echo(
                f"would queue {draft.kind} {draft.period} to {draft.recipient}: {draft.subject}"
            )
        click.echo(f"would deliver {pending} message(s) already in the outbox")
        click.echo(f"sent=0 skipped={len(drafts) + pending} failed=0")
        return
    queued = jobs.queue_due(db.session, workers=min(2, os.cpu_count() or 1))
    click.echo(f"queued digests={queued.digests} alerts={queued.alerts}")
    report = jobs.deliver(db.session, retry_failed_now=True)
    for message, error in report.errors:
        click.echo(
            f"failed: {message.kind} {message.period} to {message.recipient}: {error}", err=True
        )
    unreachable = (
        report.sent == 0
        and report.failed > 0
        and all(_is_connection_error(error) for _message, error in report.errors)
    )
    if unreachable:
        click.echo(
            f"ERROR: the mail server could not be reached; nothing was delivered "
            f"({report.failed} failed, {report.skipped} left). Every message stays in the "
            "outbox and is retried.",
            err=True,
        )
    elif report.failed:
        click.echo(
            f"WARNING: {report.failed} of {report.sent + report.failed} deliveries failed "
            "(listed above); they stay in the outbox and are retried.",
            err=True,
        )
    click.echo(report.summary())
    if unreachable:
        sys.exit(EXIT_UNREACHABLE)
