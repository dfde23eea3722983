"""`procure import run-pending`: run the stored web imports now (the scheduler does it every
minute); useful when no scheduler runs, or to watch a large import in the foreground."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from procure.extensions import db
from procure.imports.services import process_pending


@click.command("run-pending")
@with_appcontext
def run_pending_command() -> None:
    """Process every pending web import (and resume any a crashed runner left)."""
    click.echo(process_pending(db.session))
