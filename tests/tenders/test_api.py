"""The tenders API: same rules as the web, 422 with field errors, organisation walls."""

from __future__ import annotations

from sqlalchemy import select

from procure.api.auth import create_token
from procure.extensions import db
from procure.tenders.models import Tender, TenderRevision, TenderStatus
from tests.factories import make_admin, make_buyer

BODY = {
    "title": "Portage de repas à domicile",
    "description": "Confection et livraison de repas à domicile pour 140 personnes âgées.",
    "cpv_codes": ["55521100"],
    "departments": ["34"],
    "estimated_value": 585000,
    "deadline": "2027-05-19",
    "clauses": [{"type": "social_criterion", "weight": 15}],
    "lots": [{"title": "Lot 1", "clauses": [{"type": "insertion", "hours": 300}]}],
}


def auth(user) -> dict[str, str]:
    token = create_token(db.session, user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_create_get_update_close(app_ctx, client, app):
    buyer = auth(make_buyer("a@ville.example.fr", "Ville A"))
    created = client.post("/api/v1/tenders/", json={**BODY, "submit": True}, headers=buyer)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["status"] == "submitted" and body["buyer"] == "Ville A"
    assert body["lots"][0]["clauses"] == [{"type": "insertion", "hours": 300}]
    ref = body["reference"]
    tender = db.session.scalars(select(Tender)).one()
    tender.status = TenderStatus.OPEN  # validated
    db.session.commit()

    changed = client.patch(
        f"/api/v1/tenders/{ref}", json={"estimated_value": 600000}, headers=buyer
    )
    assert changed.status_code == 200 and changed.get_json()["estimated_value"] == 600000
    assert changed.get_json()["title"] == BODY["title"]  # untouched fields kept
    revision = db.session.scalars(
        select(TenderRevision).where(TenderRevision.action == "edited")
    ).one()
    assert revision.changes == {"estimated_value": {"old": 585000.0, "new": 600000.0}}

    listed = client.get("/api/v1/tenders/?status=open", headers=buyer).get_json()
    assert [t["reference"] for t in listed] == [ref]
    closed = client.post(f"/api/v1/tenders/{ref}/close", headers=buyer)
    assert closed.get_json()["status"] == "closed"
    again = client.post(f"/api/v1/tenders/{ref}/close", headers=buyer)
    assert again.status_code == 409 and "ouvert" in again.get_json()["message"]


def test_invalid_bodies_get_422_with_field_errors(app_ctx, client):
    buyer = auth(make_buyer("a@ville.example.fr", "Ville A"))
    bad = {
        **BODY,
        "deadline": "2020-01-01",
        "departments": ["34", "100"],
        "cpv_codes": ["1234"],
        "description": "",
        "clauses": [{"type": "insertion", "hours": -5}],
    }
    response = client.post("/api/v1/tenders/", json=bad, headers=buyer)
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert set(errors) >= {"deadline", "departments", "cpv_codes", "description", "clauses.0.hours"}
    typed = client.post("/api/v1/tenders/", json={**BODY, "deadline": "soon"}, headers=buyer)
    assert typed.status_code == 422 and "deadline" in typed.get_json()["errors"]["json"]
    unknown = client.post("/api/v1/tenders/", json={**BODY, "colour": "red"}, headers=buyer)
    assert unknown.status_code == 422
    assert db.session.scalars(select(Tender)).first() is None


def test_another_organisations_draft_is_invisible(app_ctx, client):
    owner = auth(make_buyer("a@ville.example.fr", "Ville A"))
    other = auth(make_buyer("b@autre.example.fr", "Ville B"))
    ref = client.post("/api/v1/tenders/", json=BODY, headers=owner).get_json()["reference"]
    assert client.get(f"/api/v1/tenders/{ref}", headers=other).status_code == 404
    assert (
        client.patch(f"/api/v1/tenders/{ref}", json={"title": "X"}, headers=other).status_code
        == 404
    )
    assert client.post(f"/api/v1/tenders/{ref}/close", headers=other).status_code == 404
    assert client.post(f"/api/v1/tenders/{ref}/submit", headers=other).status_code == 404
    assert client.get("/api/v1/tenders/", headers=other).get_json() == []
    tender = db.session.scalars(select(Tender)).one()
    assert tender.title == BODY["title"] and tender.status == TenderStatus.DRAFT
    assert client.get("/api/v1/tenders/").status_code == 401


def test_facilitator_creates_for_a_named_buyer_and_sees_all(app_ctx, client):
    admin = auth(make_admin("f@plie.example.fr"))
    missing = client.post("/api/v1/tenders/", json=BODY, headers=admin)
    assert missing.status_code == 422 and "buyer" in missing.get_json()["errors"]["json"]
    made = client.post("/api/v1/tenders/", json={**BODY, "buyer": "CHU X"}, headers=admin)
    assert made.status_code == 201 and made.get_json()["buyer"] == "CHU X"
    assert len(client.get("/api/v1/tenders/", headers=admin).get_json()) == 1


def test_openapi_describes_the_tender_endpoints(app_ctx, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/tenders/{reference}/close" in spec["paths"]
    post = spec["paths"]["/api/v1/tenders/"]["post"]
    assert "422" in post["responses"]
