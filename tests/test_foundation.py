"""Configuration layering, migrations that match the models, the console script."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from procure import create_app
from procure.extensions import db
from procure.settings import ConfigError, database_uri, load_settings


def test_models_and_migrations_agree(app_ctx):
    """Fails when a model changes without a migration (on SQLite and on PostgreSQL)."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models differ from migrations; run `procure db migrate`: {diff}"


def test_environment_overrides_toml_and_unknown_keys_warn(caplog):
    env = {
        "PROCURE_MAIL_PORT": "2525",
        "PROCURE_MAIL_SERVER": "smtp.example.org",
        "PROCURE_MAIL_USE_TLS": "false",
        "PROCURE_TYPO_KEY": "1",
    }
    with caplog.at_level(logging.WARNING):
        settings = load_settings(environ=env)
    assert settings["MAIL_PORT"] == 2525
    assert settings["MAIL_SERVER"] == "smtp.example.org"
    assert settings["MAIL_USE_TLS"] is False
    assert "PROCURE_TYPO_KEY" not in settings and "TYPO_KEY" not in settings
    assert "PROCURE_TYPO_KEY" in caplog.text


def test_string_settings_stay_strings():
    settings = load_settings(environ={"PROCURE_MAIL_PASSWORD": "12345"})
    assert settings["MAIL_PASSWORD"] == "12345"


def test_production_without_secret_key_fails_clearly():
    with pytest.raises(ConfigError, match="PROCURE_SECRET_KEY"):
        load_settings(environ={"PROCURE_ENV": "production"})
    key = "kR3v9QmZ1xW7pL2sT8yB4nD6fH0jC5aE"  # long and random enough (tests/edge checks why)
    settings = load_settings(environ={"PROCURE_ENV": "production", "PROCURE_SECRET_KEY": key})
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_database_url_defaults_to_sqlite_under_instance(tmp_path):
    assert database_uri("", tmp_path) == f"sqlite:///{tmp_path / 'procure.db'}"
    assert database_uri("postgresql://u@h/d", tmp_path) == "postgresql+psycopg://u@h/d"
    assert database_uri("postgres://u@h/d", tmp_path) == "postgresql+psycopg://u@h/d"


def test_create_app_has_no_side_effects(tmp_path, monkeypatch):
    monkeypatch.setenv("PROCURE_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"ENV": "testing"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/procure.db")
    assert not (tmp_path / "instance").exists()


def test_console_script_help_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "procure", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    for command in ("db", "demo", "users"):
        assert command in result.stdout
