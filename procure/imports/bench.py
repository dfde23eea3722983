"""`procure bench web-import --rows N [--database-url URL]`: a web upload of N generated rows
run the way production runs it, and shortlists measured meanwhile.

The file is stored as an import job (what the upload request does; timed), then processed by
a separate `procure import run-pending` process (what the scheduler does; "during" lasts until
the job is done, its report complete; the index it then publishes is waited for after the
"after" phase), while this process
ranks shortlists for the demo tenders in a loop (what a web worker does) and prints their
latency before, during and after the import, and on the quiet registry at full size (the
baseline the latency during the import is judged against). Figures only: nothing is asserted.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
from flask_migrate import upgrade
from sqlalchemy import func, select

from procure import create_app
from procure.demo.loader import load_demo
from procure.extensions import db, remove_session
from procure.imports.models import ImportJob, JobStatus
from procure.imports.services import create_job
from procure.matching.service import catch_up, registry_index, shortlist
from procure.suppliers.bench import generate
from procure.suppliers.models import Supplier, SupplierStatus
from procure.tenders.models import Tender, TenderStatus

THINK = 0.1  # seconds between a client's rounds of shortlists
QUIET_SECONDS = 20.0


def _client(app, finished, stop, out) -> None:
    """One shortlist client (a web worker): shortlists of the open tenders in a loop, each a
    fresh snapshot as a new request has, until told to stop. Latencies are filed under
    "after" once the import has finished; the size of its index is reported at the end."""
    with app.app_context():
        tenders = list(db.session.scalars(select(Tender).where(Tender.status == TenderStatus.OPEN)))
        found: dict[str, list[float]] = {"during": [], "after": []}
        while not stop.is_set():
            for tender in tenders:
                phase = "after" if finished.is_set() else "during"
                start = time.perf_counter()
                shortlist(db.session, tender, 20)
                found[phase].append(time.perf_counter() - start)
                db.session.rollback()
            time.sleep(THINK)
        indexed = len(registry_index(db.session))
        remove_session()
    out.put((found, indexed))


def _run_clients(app, clients: int, until, after_seconds: float = 0.0):
    """Run `clients` concurrent client processes, forked like gunicorn's workers (each
    inherits this process's match index, then follows the registry on its own), until
    `until()` returns, then `after_seconds` more; their latencies and index sizes."""
    ctx = multiprocessing.get_context("fork")
    finished, stop, out = ctx.Event(), ctx.Event(), ctx.Queue()
    remove_session()
    db.engine.dispose()
    procs = [ctx.Process(target=_client, args=(app, finished, stop, out)) for _ in range(clients)]
    for proc in procs:
        proc.start()
    until()
    finished.set()
    time.sleep(after_seconds)
    stop.set()
    found: dict[str, list[float]] = {"during": [], "after": []}
    sizes = []
    for _ in procs:
        latencies, indexed = out.get()
        sizes.append(indexed)
        for phase, values in latencies.items():
            found[phase] += values
    for proc in procs:
        proc.join()
    return found, sizes


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _figures(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    return (
        f"n={len(values)} p50={statistics.median(values) * 1000:.0f} ms "
        f"p95={_percentile(ordered, 0.95) * 1000:.0f} ms max={ordered[-1] * 1000:.0f} ms"
    )


def _ratios(values: list[float], baseline: list[float]) -> str:
    if not values or not baseline:
        return "none"
    a, b = sorted(values), sorted(baseline)
    return (
        f"p50 x{statistics.median(a) / statistics.median(b):.2f}, "
        f"p95 x{_percentile(a, 0.95) / _percentile(b, 0.95):.2f}, max x{a[-1] / b[-1]:.2f}"
    )


@click.command("web-import")
@click.option("--rows", default=225_000, show_default=True, help="Supplier rows to upload.")
@click.option(
    "--clients", default=2, show_default=True, help="Concurrent shortlist client processes."
)
@click.option(
    "--after-seconds",
    default=60.0,
    show_default=True,
    help="How long the clients go on once the import has finished.",
)
@click.option(
    "--database-url",
    default="",
    help="A throw-away database to migrate and fill (default: a temporary SQLite file).",
)
def bench_web_import(rows: int, database_url: str, clients: int, after_seconds: float) -> None:
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
            open_tenders = select(Tender.id).where(Tender.status == TenderStatus.OPEN)
            count = len(db.session.scalars(open_tenders).all())
            start = time.perf_counter()
            registry_index(db.session)  # built once, before the clients fork
            click.echo(f"match index built in {time.perf_counter() - start:.1f} s")
            quiet = _run_clients(app, clients, lambda: time.sleep(QUIET_SECONDS))[0]["during"]
            click.echo(f"{clients} clients x shortlists of {count} open demo tenders, "
                       f"quiet registry: {_figures(quiet)}")  # fmt: skip

            start = time.perf_counter()
            job_id = create_job(db.session, None, "bench.csv", content).id
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
            state: dict[str, float] = {}

            def job_ended() -> None:
                """The job done (its report complete) or its process gone."""
                while runner.poll() is None:
                    status = db.session.scalar(
                        select(ImportJob.status).where(ImportJob.id == job_id)
                    )
                    db.session.rollback()
                    if status in (JobStatus.DONE, JobStatus.FAILED):
                        break
                    time.sleep(1.0)
                state["rows"] = time.perf_counter() - start

            found, sizes = _run_clients(app, clients, job_ended, after_seconds)
            during, after = found["during"], found["after"]
            job = db.session.get_one(ImportJob, job_id)
            elapsed = state["rows"]
            click.echo(
                f"{db.engine.dialect.name} background import: job {job.status}, "
                f"imported={job.imported} rejected={job.rejected} in {elapsed:.1f} s "
                f"({rows / elapsed:,.0f} rows/s)"
            )
            click.echo(f"shortlists during the import: {_figures(during)}")
            click.echo(f"  against the quiet registry: {_ratios(during, quiet)}")
            click.echo(f"shortlists in the {after_seconds:.0f} s after it: {_figures(after)}")
            click.echo(f"  against the quiet registry: {_ratios(after, quiet)}")
            output = runner.communicate()[0].strip()  # the index published after the rows
            click.echo(f"import process ended ({output}) {time.perf_counter() - start:.1f} s "
                       f"after it started")  # fmt: skip
            verified = db.session.scalar(
                select(func.count(Supplier.id)).where(Supplier.status == SupplierStatus.VERIFIED)
            )
            click.echo(f"verified suppliers {verified}; indexed by each client at the end "
                       f"(following the registry in the background): {sizes}")  # fmt: skip
            # The baseline the goal is set against: the same clients on a quiet registry at
            # full size, forked from this process once its index has caught up.
            start = time.perf_counter()
            size = len(catch_up(db.session))
            db.session.rollback()
            click.echo(f"this process caught up ({size} suppliers) in "
                       f"{time.perf_counter() - start:.1f} s")  # fmt: skip
            full = _run_clients(app, clients, lambda: time.sleep(QUIET_SECONDS))[0]["during"]
            click.echo(f"quiet registry at full size: {_figures(full)}")
            click.echo(f"  during the import against it: {_ratios(during, full)}")
            click.echo(f"  after the import against it: {_ratios(after, full)}")
            remove_session()
            db.engine.dispose()
