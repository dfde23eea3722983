"""An API token's last use is recorded, but written at most once a minute, not per request."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from procure.api.auth import create_token
from procure.api.models import ApiToken
from procure.extensions import db
from procure.timeutil import aware, utcnow
from tests.factories import make_admin, make_supplier, make_tender


def _last_use() -> object:
    db.session.rollback()
    return db.session.scalars(select(ApiToken.last_used_at)).one()


def test_last_use_is_written_once_a_minute(app_ctx, client):
    make_supplier("ESAT Les Jardins")
    ref = make_tender().reference
    token = create_token(db.session, make_admin())
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/tenders/{ref}/shortlist"
    assert _last_use() is None

    first = client.get(url, headers=headers)
    assert first.get_json()["shortlist"][0]["name"] == "ESAT Les Jardins"
    used = _last_use()
    assert used is not None and utcnow() - aware(used) < timedelta(minutes=1)

    updates: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lower().startswith("update api_tokens"):
            updates.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        again = client.get(url, headers=headers)
        assert again.get_json()["shortlist"][0]["name"] == "ESAT Les Jardins"
        assert updates == [] and _last_use() == used

        stale = aware(used) - timedelta(minutes=2)
        db.session.execute(db.update(ApiToken).values(last_used_at=stale))
        db.session.commit()
        updates.clear()
        client.get(url, headers=headers)
        assert len(updates) == 1
        assert utcnow() - aware(_last_use()) < timedelta(minutes=1)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
