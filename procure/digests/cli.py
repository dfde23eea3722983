"""`procure digest send [--dry-run]`: queue the due digests and alerts, deliver the outbox."""

from __future__ import annotations

import os

import click
from flask.cli import with_appcontext

from procure.digests import jobs
from procure.extensions import db


@click.group("digest", help="Weekly digests, supplier alerts and the e-mail outbox.")
def digest_cli() -> None:
    pass


@digest_cli.command("send")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show what would be queued and delivered; write and send nothing.",
)
@with_appcontext
def send_command(dry_run: bool) -> None:
    """Queue this week's due digests and alerts, then deliver every pending message
    (failed ones are retried at once). Exit status 0 even when some deliveries failed."""
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
    click.echo(report.summary())
