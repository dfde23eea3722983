"""`procure import tenders|ocds`, `procure export ocds`, `procure cpv load`.

`import` and `export` are groups other features add to (`procure import suppliers`): they are
fetched from the app's CLI when present and created otherwise, so the registration order of
the features does not matter.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from procure.extensions import db
from procure.tenders.importer import ImportReport, UnreadableFile, import_records, read_list
from procure.timeutil import utcnow


def _today():
    from procure.tenders.jobs import today_in_paris

    return today_in_paris()


def _report(report: ImportReport) -> None:
    for position, reference, reason in report.rejected:
        label = f" ({reference})" if reference else ""
        click.echo(f"record {position}{label}: {reason}", err=True)
    click.echo(report.summary())


@click.command("tenders")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def import_tenders_command(path: Path) -> None:
    """Create or update tenders by reference from a JSON list (INTERFACES.md)."""
    try:
        records = read_list(path)
    except UnreadableFile as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    report = import_records(db.session, records, _today())
    db.session.commit()
    _report(report)


@click.command("ocds")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def import_ocds_command(path: Path) -> None:
    """Create or update tenders by reference from an OCDS release (or record) package."""
    from procure.ocds.importer import import_package

    try:
        report = import_package(db.session, path, _today())
    except UnreadableFile as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    db.session.commit()
    _report(report)


@click.command("ocds")
@click.argument("references", nargs=-1)
@with_appcontext
def export_ocds_command(references: tuple[str, ...]) -> None:
    """Print an OCDS release package of the given tenders (all tenders without REF)."""
    from procure.ocds.mapping import package_for

    package, missing = package_for(db.session, list(references), utcnow())
    for reference in missing:
        click.echo(f"unknown tender: {reference}", err=True)
    click.echo(json.dumps(package, ensure_ascii=False, indent=2))
    if missing:
        sys.exit(1)


@click.group("cpv", help="The official CPV vocabulary.")
def cpv_cli() -> None:
    pass


@cpv_cli.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def cpv_load_command(path: Path) -> None:
    """Load the official CPV list (CSV `code,label`, e.g. saved from SIMAP's file); from
    then on tender CPV codes are checked against it."""
    from procure.tenders.cpv import CpvError, load_official

    try:
        count = load_official(db.session, path)
    except (CpvError, OSError, UnicodeDecodeError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"cpv codes loaded={count}")


def _group(app: Flask, name: str, help_text: str) -> click.Group:
    group = app.cli.commands.get(name)
    if not isinstance(group, click.Group):
        group = click.Group(name, help=help_text)
        app.cli.add_command(group)
    return group


def register_cli(app: Flask) -> None:
    _group(app, "import", "Import data files.").add_command(import_tenders_command)
    _group(app, "import", "Import data files.").add_command(import_ocds_command)
    _group(app, "export", "Export data.").add_command(export_ocds_command)
    app.cli.add_command(cpv_cli)
