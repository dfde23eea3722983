"""Log-in throttling that only failed attempts feed.

Why this shape (issue #9 and #12): a limit on every POST to the log-in page locked out a town
hall's 20 colleagues behind one connection, and 5 wrong passwords from anywhere locked the
owner out. Here only failures count, under two keys:

- the account *from this address* (`LOGIN_FAILURE_LIMIT`, 6 per 15 minutes): someone
  guessing a password is stopped, while the owner, at another address, still logs in;
- the address across all accounts (`LOGIN_ADDRESS_FAILURE_LIMIT`): one address trying many
  accounts is stopped.

A successful log-in is never counted. The counters live in Flask-Limiter's storage (memory
in development and tests, Redis in production: `RATELIMIT_STORAGE_URI`), so every gunicorn
worker sees the same counts and they expire by themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from limits import RateLimitItem, parse

from procure.extensions import limiter


@dataclass(frozen=True)
class Blocked:
    until: datetime  # aware UTC


def _items() -> list[tuple[RateLimitItem, str]]:
    conf = current_app.config
    return [
        (parse(conf["LOGIN_FAILURE_LIMIT"]), "account"),
        (parse(conf["LOGIN_ADDRESS_FAILURE_LIMIT"]), "address"),
    ]


def _keys(email: str, address: str) -> dict[str, tuple[str, ...]]:
    # Calls to the strategy bypass Flask-Limiter's key prefix: add it, so that two sites
    # sharing one Redis server keep their counts apart.
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or "procure"
    return {
        "account": (prefix, "login-failures", email, address),
        "address": (prefix, "login-failures-address", address),
    }


def blocked(email: str, address: str) -> Blocked | None:
    """Whether the next attempt is refused, and until when (the latest of the limits hit)."""
    strategy = limiter.limiter
    keys = _keys(email, address)
    until: float | None = None
    for item, name in _items():
        if not strategy.test(item, *keys[name]):
            reset = strategy.get_window_stats(item, *keys[name]).reset_time
            until = reset if until is None else max(until, reset)
    return None if until is None else Blocked(datetime.fromtimestamp(until, UTC))


def record_failure(email: str, address: str) -> None:
    strategy = limiter.limiter
    keys = _keys(email, address)
    for item, name in _items():
        strategy.hit(item, *keys[name])
