"""Bulk statements that stay fast on both databases.

PostgreSQL: rows go in with COPY and lists are passed as one array parameter (`= ANY`),
because psycopg spends most of a big executemany or a 2,000-value IN list parsing the SQL
text. SQLite: plain executemany and IN lists, which it handles well.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, JSON, ColumnElement, Enum, Table, any_, bindparam, insert
from sqlalchemy.orm import Session


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def among(session: Session, column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """`column IN values`, as `column = ANY(:array)` on PostgreSQL."""
    if _postgres(session):
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


def _copy_value(column: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, JSON):
        return json.dumps(value)
    if isinstance(column.type, Enum) and hasattr(value, "name"):
        return value.name  # non-native enums store the member's name
    return value


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    names = list(rows[0])
    columns = [table.c[name] for name in names]
    raw = connection.connection.driver_connection
    if raw is None:  # only on a connection already invalidated
        raise RuntimeError("the database connection was closed")
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([_copy_value(c, row[n]) for c, n in zip(columns, names, strict=True)])
