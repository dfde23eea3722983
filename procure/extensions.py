"""Flask extensions, created unbound and attached in the app factory."""

import os
import sqlite3
import weakref
from typing import cast

from flask import Flask
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session

# Stable constraint names on SQLite and PostgreSQL alike, so migrations can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TypedSQLAlchemy(SQLAlchemy):
    """Flask-SQLAlchemy, with `db.session` typed as what it stands for.

    Flask-SQLAlchemy types `db.session` as `scoped_session[Session]`, a proxy forwarding every
    call to the current context's `Session`, while services take a plain
    `sqlalchemy.orm.Session`: mypy then reports ~90 false arg-type errors, one per call.
    The annotation changes nothing at run time (the attribute is still the scoped session;
    `db.session.remove()` goes through `remove_session`)."""

    # The scoped proxy stands for the context's Session:
    session: Session  # type: ignore[assignment]


def remove_session() -> None:
    """End the scoped session of this context (jobs and benchmarks, outside requests)."""
    cast(scoped_session, db.session).remove()


db = TypedSQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
babel = Babel()


def dispose_pools_after_fork(app: Flask) -> None:
    """Never share a database connection between processes.

    gunicorn loads the app and builds the match index in its master, then forks: without
    this, the workers inherited the master's pooled PostgreSQL socket and their queries
    interleaved on it (pages rendered for another user, 500s). In every forked child the
    inherited pool is dropped without closing the parent's sockets (SQLAlchemy's
    `dispose(close=False)`), so the child opens its own connections.
    """
    app_ref = weakref.ref(app)

    def _after_fork_in_child() -> None:
        application = app_ref()
        if application is None or "sqlalchemy" not in application.extensions:
            return
        with application.app_context():
            for engine in db.engines.values():
                engine.dispose(close=False)

    os.register_at_fork(after_in_child=_after_fork_in_child)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """An SQLite file in write-ahead-log mode, synced at checkpoints only.

    Each shortlist shown is recorded and committed at once (procure.feedback): in the default
    rollback-journal mode every such commit waited for two fsyncs, 5-16 ms, more than the
    ranking itself. In WAL mode a commit appends to the log, readers do not wait for a
    writer, and with synchronous=NORMAL the database stays consistent after a crash (a power
    cut may lose the last commits, never corrupt the file). In-memory databases keep their
    own mode; PostgreSQL is not concerned.
    """
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    try:
        mode = dbapi_connection.execute("PRAGMA journal_mode=WAL").fetchone()
    except sqlite3.OperationalError:  # another process holds a lock: keep its mode
        mode = dbapi_connection.execute("PRAGMA journal_mode").fetchone()
    if mode and str(mode[0]).lower() == "wal":
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")
