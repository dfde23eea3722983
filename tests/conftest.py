"""Fixtures: every test that takes `app` runs twice, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from procure import create_app
from procure.extensions import db, limiter
from procure.matching.service import forget_index
from tests import databases

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# The `procure` console script of the interpreter running the tests (its venv's bin/).
PROCURE = str(Path(sys.executable).with_name("procure"))
REQUIRE_POSTGRES = os.environ.get("PROCURE_TEST_REQUIRE_POSTGRES") == "1"


def shared_path(*parts: str) -> Path:
    """A file of ../shared, or skip: a newcomer's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only beside the project's own checkout)")
    return path


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'procure.db'}"
        return
    try:
        url, name = databases.create_postgres_database()
    except databases.PostgresUnavailable as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL required (PROCURE_TEST_REQUIRE_POSTGRES=1): {exc}")
        pytest.skip(f"PostgreSQL half skipped: {exc}")
    yield url
    databases.drop_postgres_database(name)


def test_settings(database_url: str, tmp_path: Path) -> dict[str, object]:
    return {
        "ENV": "testing",
        "TESTING": True,
        "DATABASE_URL": database_url,
        "OUTBOX_DIR": str(tmp_path / "outbox"),
        "MATCH_INDEX_PATH": str(tmp_path / "match-index.pkl"),
        "MAIL_SERVER": "",
    }


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = create_app(test_settings(database_url, tmp_path_factory.mktemp("app")))
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def _truncate(application: Flask) -> None:
    with application.app_context():
        db.session.remove()
        tables = [t.name for t in db.metadata.sorted_tables]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())


@pytest.fixture(autouse=True)
def _clean_state(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts from empty tables, an empty outbox, fresh rate limits and no cached
    match index (the truncated tables restart their ids: an index kept from the test before
    would hold other suppliers under the same ids, and more than a few changes past it are
    followed in the background, not by the next call)."""
    yield
    if "app" in request.fixturenames:
        application: Flask = request.getfixturevalue("app")
        forget_index()  # first: the follower thread stops reading the tables
        _truncate(application)
        with application.app_context():
            limiter.reset()
        outbox = Path(application.config["OUTBOX_DIR"])
        if outbox.is_dir():
            for item in outbox.iterdir():
                item.unlink()


class IsolatedClient(FlaskClient):
    """Each request gets a fresh app context (and so a fresh `g`), as in production, even
    when the test holds an app context open for its own database work."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[Flask]:
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def cli_env(app: Flask) -> dict[str, str]:
    """Environment for running the real `procure` script against the test database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCURE_")}
    env.update(
        PROCURE_ENV="testing",
        PROCURE_DATABASE_URL=app.config["DATABASE_URL"],
        PROCURE_OUTBOX_DIR=app.config["OUTBOX_DIR"],
        PROCURE_MATCH_INDEX_PATH=app.config["MATCH_INDEX_PATH"],
    )
    return env


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client: FlaskClient, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def login(client: FlaskClient, email: str, password: str, next_url: str = ""):
    token = csrf_token(client, "/account/login")
    return client.post(
        "/account/login",
        data={"email": email, "password": password, "csrf_token": token, "next": next_url},
    )
