"""The suppliers API: tokens, filters, field errors, and nobody touching another record."""

from __future__ import annotations

from sqlalchemy import select

from procure.api.auth import create_token
from procure.extensions import db
from procure.suppliers.models import Supplier, SupplierAudit, SupplierStatus
from tests.factories import make_admin, make_supplier
from tests.suppliers.helpers import make_supplier_user, supplier_row

API = "/api/v1/suppliers/"


def _token(user) -> dict[str, str]:
    token = create_token(db.session, user, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def _body(**values):
    row = supplier_row(**values)
    body = dict(row)
    body["inclusion_kinds"] = [k for k in row["inclusion_kinds"].split(";") if k]
    body["departments"] = row["departments"].split(";")
    body["cpv_codes"] = row["cpv_codes"].split(";")
    body["esus"] = row["esus"] == "yes"
    body["employees"] = int(row["employees"])
    return body


def test_anonymous_and_bad_tokens_are_refused(client, app_ctx):
    supplier = make_supplier()
    for headers in ({}, {"Authorization": "Bearer pk_nope"}, {"Authorization": "Basic x"}):
        response = client.get(API, headers=headers)
        assert response.status_code == 401 and "bearer token" in response.json["message"]
        assert client.get(API + supplier.siret, headers=headers).status_code == 401
        assert client.post(API, json=_body(), headers=headers).status_code == 401
    assert db.session.scalar(select(Supplier).where(Supplier.siret != supplier.siret)) is None


def test_facilitator_lists_with_filters_and_pagination(client, app_ctx):
    make_supplier(name="ESAT du Lez", kinds=["ESAT"], departments=["34"])
    make_supplier(name="Régie du Gard", kinds=["EI"], departments=["30"])
    make_supplier(name="Coursiers", kinds=[], departments=["FR"], legal_form="scop")
    headers = _token(make_admin())
    names = lambda q: {s["name"] for s in client.get(API + q, headers=headers).json["items"]}  # noqa: E731
    assert names("") == {"ESAT du Lez", "Régie du Gard", "Coursiers"}
    assert names("?kind=ESAT") == {"ESAT du Lez"}
    assert names("?department=30") == {"Régie du Gard", "Coursiers"}
    page = client.get(API + "?per_page=2&page=2", headers=headers).json
    assert page["total"] == 3 and len(page["items"]) == 1 and page["page"] == 2
    bad = client.get(API + "?kind=SCOOP&per_page=0", headers=headers)
    assert bad.status_code == 422
    assert set(bad.json["errors"]["query"]) == {"kind", "per_page"}


def test_create_then_get_then_patch(client, app_ctx):
    admin = make_admin("f@example.org")
    headers = _token(admin)
    body = _body(name="Atelier Vélo", cpv_codes="50000000-5")
    created = client.post(API, json=body, headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["status"] == "verified" and created.json["cpv_codes"] == ["50000000"]
    siret = body["siret"]
    assert client.get(API + siret, headers=headers).json["name"] == "Atelier Vélo"
    assert client.post(API, json=body, headers=headers).status_code == 409
    patched = client.patch(
        API + siret,
        json={"inclusion_kinds": ["EI"], "status": "rejected", "rejection_reason": "Doublon"},
        headers=headers,
    )
    assert patched.status_code == 200, patched.json
    assert patched.json["inclusion_kinds"] == ["EI"] and patched.json["status"] == "rejected"
    assert patched.json["name"] == "Atelier Vélo"  # untouched by a PATCH
    supplier = db.session.scalar(select(Supplier).where(Supplier.siret == siret))
    actors = db.session.scalars(
        select(SupplierAudit.actor).where(SupplierAudit.supplier_id == supplier.id)
    ).all()
    assert set(actors) == {"f@example.org"} and len(actors) == 4


def test_invalid_body_gets_422_with_field_errors(client, app_ctx):
    headers = _token(make_admin())
    body = _body(siret="83705125900022", departments="34;99")
    body["inclusion_kinds"] = ["EI", "XYZ"]
    response = client.post(API, json=body, headers=headers)
    assert response.status_code == 422
    errors = response.json["errors"]["json"]
    assert set(errors) == {"siret", "departments", "inclusion_kinds"}
    assert "clé de contrôle" in errors["siret"][0]
    typed = client.post(API, json={"name": 3}, headers=headers)
    assert typed.status_code == 422
    assert {"siret", "name", "description"} <= set(typed.json["errors"]["json"])
    assert db.session.scalar(select(Supplier)) is None


def test_a_supplier_token_reads_and_updates_only_its_own_record(client, app_ctx):
    mine = make_supplier(name="La mienne", kinds=["EI"])
    other = make_supplier(name="Une autre")
    headers = _token(make_supplier_user(mine))
    assert client.get(API + mine.siret, headers=headers).json["name"] == "La mienne"
    assert client.get(API + other.siret, headers=headers).status_code == 404
    assert client.get(API, headers=headers).status_code == 403
    assert client.post(API, json=_body(), headers=headers).status_code == 403
    assert (
        client.patch(API + other.siret, json={"name": "Piratée"}, headers=headers).status_code
        == 404
    )
    assert (
        client.put(API + other.siret, json=_body(siret=other.siret), headers=headers).status_code
        == 404
    )
    assert (
        client.patch(API + mine.siret, json={"status": "verified"}, headers=headers).status_code
        == 403
    )
    response = client.patch(
        API + mine.siret, json={"inclusion_kinds": ["EI", "EA"]}, headers=headers
    )
    assert response.status_code == 200
    assert response.json["status"] == "pending"  # a new claim waits for a facilitator
    db.session.expire_all()
    assert db.session.get(Supplier, other.id).name == "Une autre"
    assert db.session.get(Supplier, mine.id).status == SupplierStatus.PENDING


def test_openapi_is_served(client, app_ctx):
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/suppliers/" in spec["paths"]
    assert {"get", "put", "patch"} <= set(spec["paths"]["/api/v1/suppliers/{siret}"])
    assert "SupplierIn" in spec["components"]["schemas"]
