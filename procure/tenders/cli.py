"""`procure import tenders`, `procure cpv load` (`import ocds` and `export ocds` live in
procure.ocds.cli). `import` is a group other features add to (procure.commands)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from procure.commands import command_group
from procure.extensions import db
from procure.tenders.cpv import CpvError, load_official
from procure.tenders.importer import ImportReport, UnreadableFile, import_records, read_list
from procure.tenders.jobs import today_in_paris


def report_import(report: ImportReport) -> None:
    for position, reference, reason in report.rejected:
        label = f" ({reference})" if reference else ""
        click.echo(f"record {position}{label}: {reason}", err=True)
    click.echo(report.summary())


@click.command("tenders")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def import_tenders_command(path: Path) -> None:
    """Create or update tenders by reference from a JSON list (as in the demo data)."""
    try:
        records = read_list(path)
    except UnreadableFile as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    report = import_records(db.session, records, today_in_paris())
    db.session.commit()
    report_import(report)


@click.group("cpv", help="The official CPV vocabulary.")
def cpv_cli() -> None:
    pass


@cpv_cli.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def cpv_load_command(path: Path) -> None:
    """Load the official CPV list (CSV `code,label`, e.g. saved from SIMAP's file); from
    then on tender CPV codes are checked against it."""
    try:
        count = load_official(db.session, path)
    except (CpvError, OSError, UnicodeDecodeError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"cpv codes loaded={count}")


def register_cli(app: Flask) -> None:
    command_group(app, "import").add_command(import_tenders_command)
    app.cli.add_command(cpv_cli)
