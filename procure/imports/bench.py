"""`procure bench web-import --rows N [--database-url URL]`: a web upload of N generated rows
run the way production runs it, and shortlists measured meanwhile.

The file is stored as an import job (what the upload request does; timed), then processed by
a separate `procure import run-pending` process (what the scheduler does), while this process
ranks shortlists for the demo tenders in a loop (what a web worker does) and prints their
latency before and during the import. Figures only: nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
from flask_migrate import upgrade
from sqlalchemy import select

from procure import create_app
from procure.demo.loader import load_demo
from procure.extensions import db, remove_session
from procure.imports.models import ImportJob
from procure.imports.services import create_job
from procure.matching.service import shortlist
from procure.suppliers.bench import generate
from procure.tenders.models import Tender, TenderStatus


def _latencies(session, tenders, seconds: float | None = None, proc=None) -> list[float]:
    out: list[float] = []
    deadline = time.monotonic() + (seconds or 0)
    while True:
        round_start = len(out)
        for tender in tenders:
            start = time.perf_counter()
            shortlist(session, tender, 20)
            out.append(time.perf_counter() - start)
        session.rollback()  # a fresh snapshot, as a new request would have
        if proc is not None:  # figures as they come: a slow round is itself the result
            slowest = max(out[round_start:]) * 1000
            click.echo(f"  during the import: {len(tenders)} shortlists, slowest {slowest:.0f} ms")
        if proc is not None and proc.poll() is not None:
            return out
        if proc is None and time.monotonic() >= deadline:
            return out
        time.sleep(0.2)


def _figures(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"n={len(values)} p50={statistics.median(values) * 1000:.0f} ms "
        f"p95={p95 * 1000:.0f} ms max={ordered[-1] * 1000:.0f} ms"
    )


@click.command("web-import")
@click.option("--rows", default=225_000, show_default=True, help="Supplier rows to upload.")
@click.option(
    "--database-url",
    default="",
    help="A throw-away database to migrate and fill (default: a temporary SQLite file).",
)
def bench_web_import(rows: int, database_url: str) -> None:
    """Upload N generated suppliers as a background import; print its time and the shortlist
    latency while it runs."""

    with tempfile.TemporaryDirectory(prefix="procure-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        path = Path(tmp) / "suppliers.csv"
        generate(path, rows)
        content = path.read_bytes()
        click.echo(f"generated {rows} rows ({len(content) / 1e6:.1f} MB)")
        overrides = {"DATABASE_URL": url, "MATCH_INDEX_PATH": str(Path(tmp) / "index.pkl")}
        app = create_app(overrides)
        with app.app_context():
            upgrade()
            load_demo(db.session)
            db.session.commit()
            tenders = list(
                db.session.scalars(select(Tender).where(Tender.status == TenderStatus.OPEN))
            )
            click.echo(f"shortlists of {len(tenders)} open demo tenders, before the import: "
                       f"{_figures(_latencies(db.session, tenders, seconds=5))}")  # fmt: skip

            start = time.perf_counter()
            job = create_job(db.session, None, "bench.csv", content)
            db.session.commit()
            click.echo(f"upload request (checks and stores the file): "
                       f"{time.perf_counter() - start:.1f} s")  # fmt: skip

            env = dict(os.environ, PROCURE_DATABASE_URL=url,
                       PROCURE_MATCH_INDEX_PATH=overrides["MATCH_INDEX_PATH"])  # fmt: skip
            start = time.perf_counter()
            runner = subprocess.Popen(
                [sys.executable, "-m", "procure", "import", "run-pending"],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            during = _latencies(db.session, tenders, proc=runner)
            output = runner.communicate()[0].strip()
            elapsed = time.perf_counter() - start
            db.session.expire_all()
            job = db.session.get_one(ImportJob, job.id)
            click.echo(
                f"{db.engine.dialect.name} background import: {output}; job {job.status}, "
                f"imported={job.imported} rejected={job.rejected} in {elapsed:.1f} s "
                f"({rows / elapsed:,.0f} rows/s)"
            )
            click.echo(f"shortlists during the import: {_figures(during)}")
            click.echo(f"shortlists after the import: "
                       f"{_figures(_latencies(db.session, tenders, seconds=5))}")  # fmt: skip
            remove_session()
            db.engine.dispose()
