"""`procure import run-pending`: run the stored web imports now (the scheduler does it every
minute); useful when no scheduler runs, or to watch a large import in the foreground."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from procure.imports.jobs import run_niced
from procure.imports.services import process_pending


@click.command("run-pending")
@with_appcontext
def run_pending_command() -> None:
    """Process every pending web import (and resume any a crashed runner left), at a lower
    CPU priority than the web workers (see procure.imports.jobs)."""
    click.echo(run_niced(process_pending))
