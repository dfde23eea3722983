"""`procure bench load`: N concurrent users for D seconds on the buyer, supplier and API pages
of the production serving (gunicorn with config/gunicorn.conf.py on PostgreSQL), printing
throughput, latency percentiles and errors.

By default it creates a throw-away PostgreSQL database beside `--database-url`'s server,
migrates and seeds it (procure.liveserver: two buyers, two suppliers, a facilitator), starts
gunicorn on a free port and stops everything at the end. Users are spread over the buyers,
the suppliers and the API tokens; each person logs in once and their users share the session,
as tabs of one browser do (the log-in rate limit counts per address).
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the live server (and requests) load only when the benchmark runs
    # requests and the live server load only when the benchmark runs, not at CLI start.
    from procure.liveserver import Account


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)
    # latencies per page (ids in the path replaced by *), to tell the slowest pages
    by_page: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _paths(account: Account, api: bool) -> list[tuple[str, dict[str, str]]]:
    token = {"Authorization": f"Bearer {account.token}"}
    if api and account.role == "buyer":
        return [
            ("/api/v1/tenders/", token),
            (f"/api/v1/tenders/{account.tenders[0]}", token),
            (f"/api/v1/tenders/{account.tenders[1]}/shortlist?limit=10", token),
        ]
    if api:
        return [(f"/api/v1/suppliers/{account.siret}", token)]
    if account.role == "buyer":
        return [
            ("/tenders/", {}),
            (f"/tenders/{account.tenders[0]}", {}),
            (f"/tenders/{account.tenders[1]}/shortlist", {}),
            ("/", {}),
        ]
    return [(f"/suppliers/{account.supplier_id}", {}), ("/suppliers/for-you", {}), ("/", {})]


def _user(base: str, account: Account, cookies, api: bool, stop: float, tally: Tally) -> None:
    # requests and the live server load only when the benchmark runs, not at CLI start.
    from procure.liveserver import Browser, who

    browser = Browser(base)
    browser.cookies.update(cookies)
    paths = _paths(account, api)
    kind = f"{'api' if api else 'web'}:{account.role}"
    latencies: list[float] = []
    pages: dict[str, list[float]] = {}
    errors: Counter[str] = Counter()
    n = 0
    while time.monotonic() < stop:
        path, headers = paths[n % len(paths)]
        n += 1
        start = time.perf_counter()
        try:
            response = browser.get(path, headers=headers)
            status: int | str = response.status_code
            expected = response.status_code == 200 and (api or who(response.text) == account.email)
        except OSError as exc:  # requests' connection errors and time-outs
            status, expected = type(exc).__name__, False
        latencies.append(time.perf_counter() - start)
        pages.setdefault(_page(kind, path), []).append(latencies[-1])
        if not expected:
            errors[f"{kind} {path} -> {status}"] += 1
    with tally.lock:
        tally.latencies.extend(latencies)
        tally.errors.update(errors)
        tally.by_kind[kind] += len(latencies)
        for page, values in pages.items():
            tally.by_page.setdefault(page, []).extend(values)


def _an_id(part: str) -> bool:
    """A path part naming an object (a number, a reference, a SIRET), not `v1`."""
    return any(c.isdigit() for c in part) and not (part.startswith("v") and part[1:].isdigit())


def _page(kind: str, path: str) -> str:
    parts = ["*" if _an_id(part) else part for part in path.split("?")[0].split("/")]
    return f"{kind} {'/'.join(parts)}"


def run_load(
    base: str, people: dict[str, Account], users: int, duration: float, cookies=None
) -> Tally:
    """`users` threads for `duration` seconds; a third on the API, the rest on pages.
    `cookies`: each person's session, when they are logged in already."""
    # requests and the live server load only when the benchmark runs, not at CLI start.
    from procure.liveserver import Browser

    cookies = dict(cookies or {})
    for key in ("buyer_a", "buyer_b", "supplier"):
        if key not in cookies:
            browser = Browser(base)
            browser.login(people[key])
            cookies[key] = browser.cookies
    tally = Tally()
    stop = time.monotonic() + duration
    threads = []
    for n in range(users):
        key = ("buyer_a", "buyer_b", "supplier")[n % 3]
        api = (n // 3) % 3 == 2
        thread = threading.Thread(
            target=_user, args=(base, people[key], cookies[key], api, stop, tally)
        )
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return tally


def report(tally: Tally, duration: float) -> list[str]:
    lat = sorted(tally.latencies)
    count = len(lat)
    if count < 2:
        return [f"requests={count}: too few to measure"]
    cuts = statistics.quantiles(lat, n=100, method="inclusive")
    errors = sum(tally.errors.values())
    lines = [
        f"requests={count} throughput={count / duration:.1f} req/s errors={errors} "
        f"p50={cuts[49] * 1000:.0f}ms p95={cuts[94] * 1000:.0f}ms p99={cuts[98] * 1000:.0f}ms "
        f"max={lat[-1] * 1000:.0f}ms",
        "by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(tally.by_kind.items())),
    ]
    slowest = sorted(tally.by_page.items(), key=lambda item: -statistics.median(item[1]))
    lines += [
        f"  {page}: n={len(values)} p50={statistics.median(values) * 1000:.0f}ms"
        for page, values in slowest
    ]
    lines += [f"error: {what} x{n}" for what, n in tally.errors.most_common(10)]
    return lines


@click.command("load")
@click.option("--users", default=50, show_default=True, help="Concurrent users.")
@click.option("--duration", default=60.0, show_default=True, help="Seconds of load.")
@click.option(
    "--database-url",
    default="postgresql://postgres@127.0.0.1:5432/postgres",
    show_default=True,
    help="A PostgreSQL server (this database is only used to create a throw-away one).",
)
@click.option("--workers", default=2, show_default=True, help="gunicorn workers.")
def bench_load(users: int, duration: float, database_url: str, workers: int) -> None:
    """Serve a seeded throw-away database with gunicorn and put N users on it."""
    import psycopg

    # requests and the live server load only when the benchmark runs, not at CLI start.
    from procure import liveserver

    name = f"procure_load_{uuid.uuid4().hex[:10]}"
    admin = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{admin.rsplit('/', 1)[0]}/{name}"
    try:
        with tempfile.TemporaryDirectory(prefix="procure-load-") as tmp:
            instance = Path(tmp)
            storage = "redis://127.0.0.1:6379/15" if liveserver.redis_reachable() else "memory://"
            env = liveserver.procure_env(
                url, instance, PROCURE_RATELIMIT_STORAGE_URI=storage, PROCURE_WORKERS=str(workers)
            )
            people = liveserver.prepare(url)
            log = instance / "gunicorn.log"
            with liveserver.gunicorn(env, liveserver.free_port(), log) as base:
                click.echo(
                    f"gunicorn ({workers} workers) on {base}, {users} users, {duration:.0f} s"
                )
                tally = run_load(base, people, users, duration)
            for line in report(tally, duration):
                click.echo(line)
            server_errors = log.read_text().count("unhandled error")
            click.echo(f"server log: {server_errors} unhandled errors")
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
