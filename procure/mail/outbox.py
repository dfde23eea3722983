"""Writing to the outbox: one row per (recipient, kind, period), created before any SMTP.

`queue_message` is an INSERT ... ON CONFLICT DO NOTHING on the unique (user, kind, period)
key (both SQLite and PostgreSQL have it): when two processes build the same digest, the
second insert is a no-op rather than an error, and no transaction is spoilt by a
unique-violation. The caller commits.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from flask import current_app
from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from procure.mail.models import MessageStatus, OutboxMessage
from procure.timeutil import utcnow


@dataclass
class Draft:
    """A rendered message not yet in the outbox (what `--dry-run` prints)."""

    user_id: int
    recipient: str
    kind: str
    period: str
    subject: str
    text: str
    html: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


def mail_domain() -> str:
    address = parseaddr(current_app.config["MAIL_SENDER"])[1]
    return address.rpartition("@")[2] or "procure.localhost"


def new_message_id(draft: Draft) -> str:
    """Stable for the row's whole life: every retry carries the same Message-ID."""
    token = secrets.token_hex(8)
    return f"<{draft.kind}.{draft.period}.u{draft.user_id}.{token}@{mail_domain()}>"


def already_queued(session: Session, kind: str, period: str) -> set[int]:
    """Users who already have this period's message, whatever its status."""
    stmt = select(OutboxMessage.user_id).where(
        OutboxMessage.kind == kind, OutboxMessage.period == period
    )
    return set(session.scalars(stmt))


def dialect_name(executor: Session | Connection) -> str:
    if isinstance(executor, Connection):
        return executor.dialect.name
    return executor.get_bind().dialect.name


def queue_message(executor: Session | Connection, draft: Draft) -> int | None:
    """Insert the draft; return the new row's id, or None when the period already has one."""
    values = {
        "user_id": draft.user_id,
        "kind": draft.kind,
        "period": draft.period,
        "recipient": draft.recipient,
        "status": MessageStatus.PENDING,
        "attempts": 0,
        "last_error": "",
        "message_id": new_message_id(draft),
        "subject": draft.subject[:300],
        "text": draft.text,
        "html": draft.html,
        "payload": draft.payload,
        "created_at": utcnow(),
    }
    return executor.execute(_insert_statement(dialect_name(executor)), values).scalar_one_or_none()


@functools.cache
def _insert_statement(dialect: str):
    """Built once per dialect: the row's values travel as parameters, so SQLAlchemy's
    compiled cache serves every insert (a statement built per row cost more than the write)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(OutboxMessage)
        .on_conflict_do_nothing(index_elements=["user_id", "kind", "period"])
        .returning(OutboxMessage.id)
    )
