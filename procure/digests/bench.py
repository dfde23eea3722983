"""`procure bench digests`: time and peak memory to build every buyer's weekly digest.

Data are generated straight into a throw-away database (bulk inserts; the matcher's own
synthetic generators for suppliers and tenders) by a child process, so the parent's peak
memory is that of the digest run alone: building the 100,000-supplier index from the
database, ranking each open tender once (shared by every buyer of its organisation), then
rendering and queuing one message per buyer. Figures are printed, never asserted.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path

import click

from procure.matching.bench import generate_database
from procure.timeutil import utcnow


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


@click.command("digests", help="Time and peak memory to build every buyer's weekly digest.")
@click.option("--buyers", default=10_000, show_default=True)
@click.option("--tenders", default=30_000, show_default=True)
@click.option("--suppliers", default=100_000, show_default=True)
@click.option(
    "--database-url", default="", help="An EMPTY database (default: a temporary SQLite file)."
)
@click.option(
    "--workers",
    default=min(2, os.cpu_count() or 1),
    show_default=True,
    help="Processes ranking the tenders.",
)
@click.option("--seed", default=0, show_default=True)
def bench_digests(
    buyers: int, tenders: int, suppliers: int, database_url: str, workers: int, seed: int
) -> None:
    # A benchmark builds its own app on a throw-away database: imported at run time.
    from procure import create_app
    from procure.digests.building import open_tenders, queue_digests
    from procure.digests.shortlists import ShortlistCache
    from procure.extensions import db, remove_session
    from procure.matching.service import forget_index

    with tempfile.TemporaryDirectory(prefix="procure-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        click.echo(f"generating {suppliers} suppliers, {buyers} buyers, {tenders} open tenders")
        started = time.perf_counter()
        child = multiprocessing.get_context("fork").Process(
            target=generate_database, args=(url, buyers, tenders, suppliers, seed)
        )
        child.start()
        child.join()
        if child.exitcode != 0:
            raise click.ClickException("data generation failed")
        click.echo(f"generated in {time.perf_counter() - started:.1f} s")

        # MATCH_INDEX_PATH "": a cold build from the database, not a shared index file.
        app = create_app(
            {"DATABASE_URL": url, "OUTBOX_DIR": str(Path(tmp) / "outbox"), "MATCH_INDEX_PATH": ""}
        )
        with app.app_context():
            forget_index()
            started = time.perf_counter()
            cache = ShortlistCache(db.session, workers=workers)
            _ = cache.index
            index_s = time.perf_counter() - started
            click.echo(
                f"index of {suppliers} suppliers built in {index_s:.1f} s "
                f"(peak_rss={_peak_mb(resource.RUSAGE_SELF):.0f}MB)"
            )
            # The same work as queue_digests alone, split so each phase can be timed: the
            # shortlists ranked here are the ones the digests then use.
            mark = time.perf_counter()
            tenders_list = open_tenders(db.session)
            cache.prefetch(tenders_list)
            ranked_s = time.perf_counter() - mark
            click.echo(
                f"{len(tenders_list)} shortlists ranked in {ranked_s:.1f} s "
                f"({ranked_s * 1000 / max(len(tenders_list), 1):.1f} ms each, "
                f"{workers} worker(s))"
            )
            mark = time.perf_counter()
            queued = queue_digests(db.session, utcnow(), cache)
            click.echo(
                f"{queued} digests rendered and queued in {time.perf_counter() - mark:.1f} s"
            )
            elapsed = time.perf_counter() - started
            del tenders_list
            remove_session()
            db.engine.dispose()
        click.echo(
            f"digests={queued} buyers={buyers} tenders={tenders} suppliers={suppliers} "
            f"workers={workers} elapsed={elapsed:.1f}s "
            f"peak_rss={_peak_mb(resource.RUSAGE_SELF):.0f}MB "
            f"worker_peak_rss={_peak_mb(resource.RUSAGE_CHILDREN):.0f}MB"
        )
        click.echo(
            "(worker_peak_rss counts pages shared copy-on-write with the parent; "
            "the generator child is included)"
        )
