"""`procure import decp`, `procure export decp`, `procure report spaser`, `procure spaser ...`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from procure.extensions import db


def _group(app: Flask, name: str, help_text: str) -> click.Group:
    group = app.cli.commands.get(name)
    if not isinstance(group, click.Group):
        group = click.Group(name, help=help_text)
        app.cli.add_command(group)
    return group


@click.command("decp")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def import_decp_command(path: Path) -> None:
    """Import the contracts of a DECP JSON file (every consolidated shape), idempotently."""
    from procure.spaser.decp_import import import_records
    from procure.spaser.decp_read import UnreadableFile, iter_marches

    def reject(position: int, ident: str, reason: str) -> None:
        label = f" ({ident})" if ident else ""
        click.echo(f"record {position}{label}: {reason}", err=True)

    try:
        stream = path.open("rb")
    except OSError as exc:
        click.echo(f"error: cannot read {path}: {exc.strerror}", err=True)
        sys.exit(1)
    with stream:
        try:
            report = import_records(
                db.session, iter_marches(stream), commit=db.session.commit, on_reject=reject
            )
        except UnreadableFile as exc:
            db.session.commit()  # the batches read before the error stay imported
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
    click.echo(report.summary())


@click.command("decp")
@click.option("--buyer", default="", help="Only this buyer's SIRET.")
@click.option("--year", type=int, default=None, help="Only contracts notified that year.")
@with_appcontext
def export_decp_command(buyer: str, year: int | None) -> None:
    """Print procure's awarded contracts in the regulatory DECP JSON format."""
    from procure.spaser.decp_export import export_decp

    click.echo(
        json.dumps(export_decp(db.session, buyer or None, year), ensure_ascii=False, indent=1)
    )


@click.command("spaser")
@click.option("--year", type=int, required=True, help="Contracts notified that year.")
@click.option("--buyer", default="", help="One buyer's SIRET (default: every buyer).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json")
@with_appcontext
def report_spaser_command(year: int, buyer: str, fmt: str) -> None:
    """Spaser figures over the contracts notified during YEAR."""
    from procure.spaser.report import spaser_figures, table_lines

    figures = spaser_figures(db.session, year, buyer or None)
    if fmt == "json":
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        click.echo("\n".join(table_lines(figures)))


def register_cli(app: Flask) -> None:
    from procure.bench import bench_cli
    from procure.spaser.bench import bench_decp

    _group(app, "import", "Import data files.").add_command(import_decp_command)
    _group(app, "export", "Export data.").add_command(export_decp_command)
    _group(app, "report", "Print reports.").add_command(report_spaser_command)
    bench_cli.add_command(bench_decp)
