"""The shortlists buyers were shown are recorded once per change, on every channel, and
answers and corrections are recorded with the shortlist they followed."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from procure.accounts.models import Role
from procure.api.auth import create_token
from procure.digests import building
from procure.digests.models import MessageKind
from procure.extensions import db
from procure.feedback.models import FeedbackEvent, ShortlistEntry, ShortlistSnapshot
from procure.mail.models import OutboxMessage
from procure.matching.trades import all_trades
from procure.tenders.answers import record_interest
from procure.timeutil import utcnow
from tests.conftest import PROCURE, csrf_token, login
from tests.factories import PASSWORD, make_buyer, make_supplier, make_tender, make_user

ORG = "Montpellier Métropole"


def _world():
    green = make_supplier("Les Jardins de Cocagne")
    # Does the trade, but in the Nord: on the list, not relevant for a tender in the Hérault.
    far = make_supplier("Jardins du Nord", "Entretien des espaces verts.", ["59"])
    buyer = make_buyer("claire@example.org", organisation=ORG)
    tender = make_tender("Entretien des espaces verts", buyer=buyer, reference="T-GREEN")
    return green, far, buyer, tender


def _snapshots(channel: str | None = None) -> list[ShortlistSnapshot]:
    stmt = select(ShortlistSnapshot).order_by(ShortlistSnapshot.id)
    if channel:
        stmt = stmt.where(ShortlistSnapshot.channel == channel)
    return list(db.session.scalars(stmt))


def _entries(snapshot: ShortlistSnapshot) -> list[tuple[int, int, bool]]:
    rows = db.session.execute(
        select(ShortlistEntry.rank, ShortlistEntry.supplier_id, ShortlistEntry.relevant)
        .where(ShortlistEntry.snapshot_id == snapshot.id)
        .order_by(ShortlistEntry.rank)
    )
    return [(r.rank, r.supplier_id, r.relevant) for r in rows]


def test_page_views_write_a_snapshot_only_when_the_list_changes(app_ctx, client):
    green, far, _buyer, tender = _world()
    login(client, "claire@example.org", PASSWORD)

    for _ in range(3):
        assert client.get("/tenders/T-GREEN/shortlist").status_code == 200
    web = _snapshots("web")
    assert len(web) == 1  # three views of the same list, one record
    assert web[0].tender_id == tender.id
    entries = _entries(web[0])
    assert entries[0] == (1, green.id, True)
    assert (far.id, False) in [(s, r) for _rank, s, r in entries]

    client.get("/tenders/T-GREEN/shortlist?format=csv")
    assert len(_snapshots("csv")) == 1 and len(_snapshots("web")) == 1

    # A new structure doing the trade changes the list: the next view records it.
    newcomer = make_supplier("Espaces Verts Solidaires", "Entretien des espaces verts, tonte.")
    client.get("/tenders/T-GREEN/shortlist")
    web = _snapshots("web")
    assert len(web) == 2
    assert newcomer.id in [s for _r, s, _rel in _entries(web[1])]


def test_the_api_records_its_own_channel(app_ctx, client):
    green, _far, buyer, _tender = _world()
    token = create_token(db.session, buyer)
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    response = client.get("/api/v1/tenders/T-GREEN/shortlist?limit=5", headers=headers)
    assert response.status_code == 200
    client.get("/api/v1/tenders/T-GREEN/shortlist?limit=5", headers=headers)
    api = _snapshots("api")
    assert len(api) == 1 and _entries(api[0])[0][:2] == (1, green.id)


def test_digests_record_what_they_showed_once_for_an_organisation(app_ctx):
    green, _far, _buyer, tender = _world()
    make_buyer("paul@example.org", organisation=ORG)  # same organisation, same list

    assert building.queue_digests(db.session, utcnow()) == 2

    digest = _snapshots("digest")
    assert len(digest) == 1 and digest[0].tender_id == tender.id
    assert _entries(digest[0])[0] == (1, green.id, True)
    assert digest[0].size == len(_entries(digest[0])) <= building.SHOWN
    # Still exactly one digest per buyer, and a second run records nothing.
    assert building.queue_digests(db.session, utcnow()) == 0
    count = select(func.count()).select_from(OutboxMessage)
    assert db.session.scalar(count.where(OutboxMessage.kind == MessageKind.DIGEST)) == 2
    assert len(_snapshots("digest")) == 1


def test_answers_and_corrections_name_the_shortlist_they_followed(app_ctx, client):
    green, far, _buyer, tender = _world()
    outsider = make_supplier("Blanchisserie", "Blanchisserie industrielle", ["2A"])
    login(client, "claire@example.org", PASSWORD)
    client.get("/tenders/T-GREEN/shortlist")
    shown = _snapshots("web")[0]
    far_rank = next(r for r, s, _rel in _entries(shown) if s == far.id)

    record_interest(db.session, green.id, tender.id, "interested")
    record_interest(db.session, far.id, tender.id, "not_interested", "Pas notre métier")
    record_interest(db.session, outsider.id, tender.id, "interested")
    db.session.commit()

    events = {e.supplier_id: e for e in db.session.scalars(select(FeedbackEvent))}
    assert (events[green.id].kind, events[green.id].rank) == ("interested", 1)
    assert events[green.id].snapshot_id == shown.id and events[green.id].relevant is True
    assert (events[far.id].kind, events[far.id].rank) == ("not_interested", far_rank)
    assert events[far.id].relevant is False
    # Not on any list: the tender's latest snapshot, no rank.
    assert events[outsider.id].snapshot_id == shown.id and events[outsider.id].rank is None

    cleaning = next(code for code, label in all_trades() if "ettoyage" in label)
    token = csrf_token(client, "/tenders/T-GREEN/shortlist")
    client.post(
        "/tenders/T-GREEN/trades", data={"csrf_token": token, "trades": [cleaning], "save": "1"}
    )
    correction = db.session.scalars(
        select(FeedbackEvent).where(FeedbackEvent.kind == "trades")
    ).one()
    assert correction.tender_id == tender.id and correction.snapshot_id == shown.id
    assert correction.detail == {"trades": [cleaning], "reset": False}


def test_report_feedback_measures_the_ranking_against_answers(app_ctx, client, cli_env):
    import subprocess  # the real console script, as a facilitator runs it

    green, far, _buyer, tender = _world()
    login(client, "claire@example.org", PASSWORD)
    client.get("/tenders/T-GREEN/shortlist")
    far_rank = next(r for r, s, _rel in _entries(_snapshots("web")[0]) if s == far.id)
    record_interest(db.session, green.id, tender.id, "not_interested")
    record_interest(db.session, green.id, tender.id, "interested")  # the latest answer counts
    record_interest(db.session, far.id, tender.id, "not_interested")
    make_user(Role.ADMIN, "admin@example.org")
    db.session.commit()

    result = subprocess.run(
        [PROCURE, "report", "feedback", "--format", "json"],
        env=cli_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(result.stdout)
    assert figures["snapshots"] == 1 and figures["snapshots_by_channel"] == {"web": 1}
    assert figures["answers"] == 2 and figures["answers_on_a_shortlist"] == 2
    assert figures["mean_rank_interested"] == 1
    assert figures["mean_rank_not_interested"] == far_rank
    judged = 1 + (far_rank <= 5)
    assert figures["precision_at_5"] == round(1 / judged, 3)
    assert figures["interested_share_relevant"] == 1.0
    assert figures["interested_share_not_relevant"] == 0.0

    table = subprocess.run(
        [PROCURE, "report", "feedback"], env=cli_env, capture_output=True, text=True, check=True
    ).stdout
    assert "precision@5 (judged)" in table and "  web" in table
