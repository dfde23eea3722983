"""`procure import ocds FILE.json` and `procure export ocds [REF ...]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from procure.domain.localtime import utcnow
from procure.extensions import db
from procure.ocds.importer import import_package
from procure.ocds.mapping import package_for
from procure.tenders.cli import report_import
from procure.tenders.importer import UnreadableFile
from procure.tenders.jobs import today_in_paris


@click.command("ocds")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def import_ocds_command(path: Path) -> None:
    """Create or update tenders by reference from an OCDS release (or record) package."""
    try:
        report = import_package(db.session, path, today_in_paris())
    except UnreadableFile as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    db.session.commit()
    report_import(report)


@click.command("ocds")
@click.argument("references", nargs=-1)
@with_appcontext
def export_ocds_command(references: tuple[str, ...]) -> None:
    """Print an OCDS release package of the given tenders (all tenders without REF)."""
    package, missing = package_for(db.session, list(references), utcnow())
    for reference in missing:
        click.echo(f"unknown tender: {reference}", err=True)
    click.echo(json.dumps(package, ensure_ascii=False, indent=2))
    if missing:
        sys.exit(1)
