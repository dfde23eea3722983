"""Throw-away databases for the suite: a SQLite file, and a PostgreSQL database created for
the run (starting the local PostgreSQL when it is installed but stopped)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import psycopg

ADMIN_DSN = os.environ.get(
    "PROCURE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


class PostgresUnavailable(RuntimeError):
    pass


def _can_connect() -> str | None:
    try:
        with psycopg.connect(ADMIN_DSN, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)


def _start_local_cluster() -> str:
    """Start an installed Debian cluster; return what was tried."""
    ctl = shutil.which("pg_ctlcluster")
    versions = (
        sorted(Path("/etc/postgresql").glob("*/main")) if Path("/etc/postgresql").is_dir() else []
    )
    if not ctl or not versions:
        return "no local PostgreSQL installation found (pg_ctlcluster, /etc/postgresql)"
    version = versions[-1].parent.name
    result = subprocess.run(
        [ctl, "--skip-systemctl-redirect", version, "main", "start"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return f"pg_ctlcluster {version} main start: exit {result.returncode} {result.stderr.strip()}"


def ensure_postgres() -> None:
    error = _can_connect()
    if error is None:
        return
    tried = _start_local_cluster()
    for _ in range(30):
        if _can_connect() is None:
            return
        time.sleep(1)
    raise PostgresUnavailable(f"PostgreSQL not reachable at {ADMIN_DSN} ({error}); {tried}")


def create_postgres_database() -> tuple[str, str]:
    """Create an empty database; return (its SQLAlchemy URL, its name)."""
    ensure_postgres()
    name = f"procure_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_DSN.rsplit("/", 1)[0]
    return f"{base}/{name}", name


def drop_postgres_database(name: str) -> None:
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
