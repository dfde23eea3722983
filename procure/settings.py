"""Layered configuration: TOML defaults from `config/`, then `PROCURE_*` environment
variables, then the caller's overrides (tests).

Kept apart from the app factory so the CLI, the scheduler and the tests read settings the
same way, and so an unknown or missing key is reported before anything starts.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tomllib
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"
ENV_PREFIX = "PROCURE_"
REQUIRED = ("SECRET_KEY",)
# Keys that are not settings but choose where settings come from.
META_KEYS = {
    "ENV",
    "INSTANCE_PATH",
    "TEST_DATABASE_URL",
    "TEST_POSTGRES_URL",
    "TEST_REQUIRE_POSTGRES",
}
# Flask and extension settings that may be passed through although absent from default.toml.
PASSTHROUGH = {
    "TESTING",
    "DEBUG",
    "WTF_CSRF_ENABLED",
    "RATELIMIT_ENABLED",
    "SERVER_NAME",
    "PREFERRED_URL_SCHEME",
    "SQLALCHEMY_ECHO",
    "OUTBOX_DIR",
    "MATCH_INDEX_PATH",
}


MIN_SECRET_CHARS = 32
MIN_SECRET_BITS = 80
# Keys published somewhere (this repository's config, tutorials): never in production.
KNOWN_SECRETS = {
    "development-only-not-secret",
    "testing-only-not-secret",
    "changeme",
    "secret",
    "dev",
    "your-secret-key",
}
KEY_RECIPE = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


class ConfigError(RuntimeError):
    """Raised when the configuration cannot make a working app."""


def secret_key_problem(key: str) -> str:
    """Why `key` cannot sign production sessions, or "" when it can.

    The estimate is the key's length times the entropy of its own character frequencies: a
    random key of 32 hex characters scores 93 to 128 bits (100,000 draws), 32 URL-safe
    characters about 150; a repeated pattern or a handful of letters does not pass."""
    if any(known in key.lower() for known in KNOWN_SECRETS if len(known) > 6) or (
        key.lower() in KNOWN_SECRETS
    ):
        return "it is a published default"
    if len(key) < MIN_SECRET_CHARS:
        return f"it has {len(key)} characters, {MIN_SECRET_CHARS} at least"
    counts = Counter(key)
    bits = -sum(n * math.log2(n / len(key)) for n in counts.values())
    periodic = any(
        key == (key[:period] * (len(key) // period + 1))[: len(key)]
        for period in range(1, len(key) // 2 + 1)
    )
    if bits < MIN_SECRET_BITS or len(counts) < 8 or periodic:
        return "it does not look random"
    return ""


def _parse_env_value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return the merged settings; warn about unknown keys, fail on missing required ones."""
    environ = os.environ if environ is None else environ
    env_name = (overrides or {}).get("ENV") or environ.get(f"{ENV_PREFIX}ENV", "development")
    with open(CONFIG_DIR / "default.toml", "rb") as f:
        settings: dict[str, Any] = tomllib.load(f)
    known = set(settings) | PASSTHROUGH
    layer = CONFIG_DIR / f"{env_name}.toml"
    if not layer.is_file():
        raise ConfigError(f"PROCURE_ENV={env_name!r}: no such file {layer}")
    with open(layer, "rb") as f:
        settings.update(tomllib.load(f))
    for key, raw in environ.items():
        if not key.startswith(ENV_PREFIX):
            continue
        name = key[len(ENV_PREFIX) :]
        if name in META_KEYS:
            continue
        if name not in known:
            log.warning("ignoring unknown setting %s", key)
            continue
        value = _parse_env_value(raw)
        settings[name] = (
            raw if isinstance(settings.get(name), str) and not isinstance(value, str) else value
        )
    for name, value in (overrides or {}).items():
        if name not in known and name not in META_KEYS:
            log.warning("unknown setting %s in overrides", name)
        settings[name] = value
    missing = [k for k in REQUIRED if not settings.get(k)]
    if missing:
        names = ", ".join(f"{ENV_PREFIX}{k}" for k in missing)
        raise ConfigError(f"missing required setting(s): {names} (environment {env_name!r})")
    if env_name == "production":
        problem = secret_key_problem(str(settings["SECRET_KEY"]))
        if problem:
            raise ConfigError(
                f"PROCURE_SECRET_KEY is not fit for production: {problem}. "
                f"Use a long random key, e.g. from: {KEY_RECIPE}"
            )
    settings["ENV"] = env_name
    return settings


def instance_path(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get(f"{ENV_PREFIX}INSTANCE_PATH") or ROOT / "instance").resolve()


def database_uri(url: str, instance: Path) -> str:
    """SQLite under the instance folder by default; `postgresql://` means psycopg 3."""
    if not url:
        return f"sqlite:///{instance / 'procure.db'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url
