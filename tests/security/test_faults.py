"""Fault tests with their counts printed.

- Database connections killed during a load: `pg_terminate_backend` on every connection of
  the live gunicorn's database while clients run; a request caught mid-query may fail, but
  the pools' pre-ping replaces dead connections, so every request after the kills succeeds,
  each as its own user.
- SMTP down during delivery (message stays queued, retried, never sent twice) and the
  scheduler killed mid-delivery are tested with real processes in tests/digests/
  (test_delivery.py: outage, retry and back-off; test_scheduler.py: `kill -9` of the
  scheduler mid-delivery, then exactly-once); they are not repeated here.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from urllib.parse import urlsplit

import psycopg
import pytest

from procure.liveserver import Browser, who
from tests import databases
from tests.security.conftest import Live

pytestmark = pytest.mark.slow
KILLS = 5


def _terminate_app_connections(database: str) -> int:
    with psycopg.connect(databases.ADMIN_DSN, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        ).fetchall()
    return sum(1 for (done,) in rows if done)


def _requests(live: Live, browser: Browser, n: int) -> Counter:
    account = live.people["buyer_a"]
    counts: Counter = Counter()
    for i in range(n):
        if i % 2:
            response = browser.get("/tenders/")
            ok = response.status_code == 200 and who(response.text) == account.email
        else:
            response = browser.get(
                "/api/v1/tenders/", headers={"Authorization": f"Bearer {account.token}"}
            )
            ok = response.status_code == 200 and {t["reference"] for t in response.json()} == set(
                account.tenders
            )
        counts["ok" if ok else f"failed {response.status_code}"] += 1
    return counts


def test_killed_database_connections_are_replaced(live: Live):
    database = urlsplit(live.database_url).path.lstrip("/")
    browser = Browser(live.base)
    browser.cookies.update(live.cookies("buyer_a"))
    during: Counter = Counter()
    killed = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            during.update(_requests(live, browser, 2))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(KILLS):
        time.sleep(1)
        killed.append(_terminate_app_connections(database))
    stop.set()
    for thread in threads:
        thread.join()
    after = _requests(live, browser, 40)
    print(
        f"\n{KILLS} kills terminated {sum(killed)} connections ({killed}); during the kills: "
        f"{dict(during)}; after: {dict(after)}"
    )
    assert sum(killed) >= KILLS, "the app held no connection to kill: the test proved nothing"
    assert sum(during.values()) > 0
    assert after == Counter(ok=40)
