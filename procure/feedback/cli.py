"""`procure report feedback [--format json|table]`."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from procure.extensions import db
from procure.feedback.report import feedback_figures, table_lines


@click.command("feedback")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table")
@with_appcontext
def report_feedback_command(fmt: str) -> None:
    """The ranking measured against suppliers' answers and buyers' corrections."""
    figures = feedback_figures(db.session)
    if fmt == "json":
        click.echo(json.dumps(figures, ensure_ascii=False, sort_keys=True))
        return
    for line in table_lines(figures):
        click.echo(line)
