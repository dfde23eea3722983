"""Production guards: no demo accounts, no weak secret key."""

from __future__ import annotations

import secrets
import subprocess

import pytest
from sqlalchemy import func, select

from procure.accounts.models import User
from procure.extensions import db
from procure.settings import ConfigError, load_settings
from tests.conftest import PROCURE

STRONG = "kR3v9QmZ1xW7pL2sT8yB4nD6fH0jC5aE"


def production(key: str) -> dict:
    return load_settings(environ={"PROCURE_ENV": "production", "PROCURE_SECRET_KEY": key})


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("s3", "2 characters, 32 at least"),
        ("development-only-not-secret", "published default"),
        ("testing-only-not-secret-but-made-much-longer", "published default"),
        ("a" * 64, "does not look random"),
        ("0123456789abcdef" * 2, "does not look random"),
        ("Passw0rd!" * 4, "does not look random"),
    ],
)
def test_production_refuses_a_short_default_or_low_entropy_key(key, why):
    with pytest.raises(ConfigError, match=why) as info:
        production(key)
    assert "token_urlsafe" in str(info.value)  # says how to make a good one


def test_production_accepts_random_keys():
    assert production(STRONG)["SECRET_KEY"] == STRONG
    for _ in range(200):
        production(secrets.token_hex(16))
        production(secrets.token_urlsafe(32))


def test_weak_keys_are_fine_outside_production():
    assert load_settings(environ={})["SECRET_KEY"] == "development-only-not-secret"


def test_the_procure_script_refuses_to_start_in_production_with_a_weak_key(cli_env):
    env = dict(cli_env, PROCURE_ENV="production", PROCURE_SECRET_KEY="changeme")
    result = subprocess.run(
        [PROCURE, "db", "--help"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "PROCURE_SECRET_KEY is not fit for production" in result.stderr


def test_demo_refuses_to_run_in_production(app, app_ctx, runner, monkeypatch):
    monkeypatch.setitem(app.config, "ENV", "production")
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 1
    assert "refuses to run in production" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_demo_still_loads_outside_production(app, app_ctx, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0 and "demo log-ins" in result.output
    assert db.session.scalar(select(func.count(User.id))) > 0
