"""`procure import suppliers FILE.csv [--report OUT.csv]` (format: the demo's suppliers.csv)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import IntegrityError
from tqdm import tqdm

from procure.core.exports import neutralise
from procure.extensions import db
from procure.suppliers.csvfile import ImportFileError, open_csv
from procure.suppliers.importer import ImportReport, Rejection, import_suppliers


def write_report(path: Path, rejections: list[Rejection]) -> None:
    """The rejected rows, one a line, for the person who has to fix the file (cells that a
    spreadsheet would run as formulas are quoted)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["line", "siret", "name", "reason"])
        for r in rejections:
            writer.writerow([neutralise(v) for v in (r.line, r.siret, r.name, r.reason)])


def rejection_line(r: Rejection) -> str:
    who = f" (SIRET {r.siret})" if r.siret else ""
    return f"ligne {r.line}{who} : {r.reason}"


def run_import(path: Path, show_progress: bool | None = None) -> ImportReport:
    """Import a file, committing each batch; ImportFileError when it cannot be read."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise ImportFileError(f"{path}: {exc.strerror}") from exc
    try:
        source = open_csv(stream)
    except BaseException:
        stream.close()
        raise
    try:
        with tqdm(
            total=max(source.lines - 1, 0),
            unit=" lignes",
            file=sys.stderr,
            disable=show_progress is False or None,
            leave=False,
        ) as bar:
            return import_suppliers(
                db.session,
                source.rows,
                on_batch=db.session.commit,
                progress=bar.update,
            )
    finally:
        source.close()


@click.command("suppliers")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the rejected rows (line, siret, name, reason) to this CSV file.",
)
@with_appcontext
def import_suppliers_command(file: Path, report_path: Path | None) -> None:
    """Create or update suppliers by SIRET from FILE.csv; imported suppliers are verified."""
    try:
        report = run_import(file)
    except ImportFileError as exc:
        db.session.rollback()
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except IntegrityError as exc:
        # Someone registered one of the batch's SIRETs meanwhile: that batch is rolled back
        # whole (earlier ones are committed); running the import again finishes the job.
        db.session.rollback()
        click.echo(f"error: concurrent change, run the import again ({exc.orig})", err=True)
        sys.exit(1)
    db.session.commit()
    for rejection in report.rejected:
        click.echo(rejection_line(rejection), err=True)
    if report_path is not None:
        write_report(report_path, report.rejected)
    click.echo(report.summary)
