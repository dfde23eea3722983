"""Production keeps the failure counts in Redis: two processes (two gunicorn workers) see the
same counts. Runs the throttle in separate interpreters against the local Redis server."""

from __future__ import annotations

import socket
import subprocess
import sys
import uuid

import pytest

SCRIPT = """
import sys
from procure import create_app
from procure.accounts import throttle

app = create_app({"ENV": "testing", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
                  "RATELIMIT_KEY_PREFIX": sys.argv[1]})
with app.app_context():
    for _ in range(int(sys.argv[2])):
        throttle.record_failure("claire@example.org", "192.0.2.10")
    blocked = throttle.blocked("claire@example.org", "192.0.2.10")
    print("blocked" if blocked else "open")
"""


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _run(prefix: str, failures: int) -> str:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, prefix, str(failures)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]


def test_failures_counted_by_one_worker_block_in_another():
    if not _redis_up():
        pytest.skip("no Redis server on 127.0.0.1:6379 (production's limiter storage)")
    prefix = f"procure-test-{uuid.uuid4().hex}"  # this run's own keys; they expire by themselves
    assert _run(prefix, 5) == "open"
    assert _run(prefix, 1) == "blocked"  # the sixth failure, in another process
