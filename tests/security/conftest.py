"""The live production server for the security suite: gunicorn with config/gunicorn.conf.py
on a fresh PostgreSQL database, migrated by `procure db upgrade`, seeded with five accounts
(two buyers of different organisations, two suppliers, a facilitator) and their API tokens."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from procure import liveserver
from procure.liveserver import Account
from tests import databases
from tests.conftest import REQUIRE_POSTGRES


@dataclass
class Live:
    base: str
    database_url: str
    people: dict[str, Account]
    log: Path
    sessions: dict[str, object] = field(default_factory=dict)

    def cookies(self, key: str):
        """The session cookies of one log-in per person for the whole run: the log-in rate
        limit (5 a minute per address and per account) would refuse more."""
        if key not in self.sessions:
            browser = liveserver.Browser(self.base)
            browser.login(self.people[key])
            self.sessions[key] = browser.cookies
        return self.sessions[key]


def postgres_database() -> tuple[str, str]:
    try:
        return databases.create_postgres_database()
    except databases.PostgresUnavailable as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL required (PROCURE_TEST_REQUIRE_POSTGRES=1): {exc}")
        pytest.skip(f"the live gunicorn + PostgreSQL server needs PostgreSQL: {exc}")


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    url, name = postgres_database()
    instance = tmp_path_factory.mktemp("live-instance")
    # Production keeps rate limits in Redis; a database of its own per run, so that earlier
    # runs' log-in counts (and other users of this Redis) do not matter.
    storage = (
        f"redis://127.0.0.1:6379/{secrets.randbelow(15) + 1}"
        if liveserver.redis_reachable()
        else "memory://"
    )
    env = liveserver.procure_env(url, instance, PROCURE_RATELIMIT_STORAGE_URI=storage)
    try:
        people = liveserver.prepare(url)
        log = instance / "gunicorn.log"
        with liveserver.gunicorn(env, liveserver.free_port(), log) as base:
            yield Live(base, url, people, log)
    finally:
        databases.drop_postgres_database(name)
