"""`procure import decp`, `procure export decp`, `procure report spaser`, `procure spaser ...`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from procure.commands import command_group
from procure.extensions import db
from procure.spaser.awards import AwardData, AwardInvalid, record_award
from procure.spaser.bench import bench_decp
from procure.spaser.decp_export import export_decp
from procure.spaser.decp_import import import_records
from procure.spaser.decp_read import UnreadableFile, iter_marches
from procure.spaser.hours_csv import BadHoursFile, import_hours
from procure.spaser.report import spaser_figures, table_lines
from procure.tenders.models import Tender


@click.command("decp")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def import_decp_command(path: Path) -> None:
    """Import the contracts of a DECP JSON file (every consolidated shape), idempotently."""

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

    figures = spaser_figures(db.session, year, buyer or None)
    if fmt == "json":
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        click.echo("\n".join(table_lines(figures)))


@click.group("spaser")
def spaser_cli() -> None:
    """Spaser: awards and insertion hours done."""


@spaser_cli.command("award")
@click.argument("reference")
@click.option("--lot", type=int, default=None, help="Lot number (tenders with lots).")
@click.option("--siret", "holder_siret", required=True, help="The winner's SIRET.")
@click.option("--name", "holder_name", default="", help="The winner's name.")
@click.option("--amount", type=float, required=True, help="Amount excl. VAT (EUR).")
@click.option("--date", "notified_on", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--months", "duration_months", type=int, required=True, help="Duration.")
@click.option("--offers", "offers_received", type=int, required=True, help="Offers received.")
@click.option("--contract-id", default="", help="The id published in DECP (1-16 characters).")
@click.option("--buyer-siret", default="", help="Default: the organisation's SIRET.")
@with_appcontext
def award_command(reference: str, notified_on, **options) -> None:
    """Record who won a lot of the closed tender REFERENCE."""
    from sqlalchemy import select

    tender = db.session.scalar(select(Tender).where(Tender.reference == reference))
    if tender is None:
        click.echo(f"error: unknown tender reference: {reference}", err=True)
        sys.exit(1)
    try:
        contract = record_award(
            db.session, tender, AwardData(notified_on=notified_on.date(), **options), None
        )
    except AwardInvalid as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"awarded {contract.buyer_siret} {contract.contract_id}")


@spaser_cli.command("hours")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def hours_command(path: Path) -> None:
    """Import insertion hours done (CSV siret_acheteur;id_marche;annee;heures)."""

    try:
        report = import_hours(db.session, path.read_text(encoding="utf-8"), None)
    except (UnicodeDecodeError, BadHoursFile) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    db.session.commit()
    for line, reason in report.rejected:
        click.echo(f"line {line}: {reason}", err=True)
    click.echo(report.summary())


def register_cli(app: Flask) -> None:

    command_group(app, "import").add_command(import_decp_command)
    command_group(app, "export").add_command(export_decp_command)
    command_group(app, "report").add_command(report_spaser_command)
    command_group(app, "bench").add_command(bench_decp)
    app.cli.add_command(spaser_cli)
