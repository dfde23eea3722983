"""Bad input at the edge gets a 4xx with a clear message, and writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from procure.api.auth import create_token
from procure.core.hygiene import MAX_JSON_DEPTH, json_depth_exceeds
from procure.extensions import db
from procure.suppliers.models import Supplier
from procure.tenders.models import Tender
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_buyer
from tests.suppliers.helpers import supplier_row
from tests.tenders.test_web import form_data

CONTROL = "Caractères de contrôle interdits"


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def admin_token() -> str:
    admin = make_admin("f@example.org")
    token = create_token(db.session, admin)
    db.session.commit()
    return token


def test_nul_in_a_tender_title_is_refused_with_a_page_and_nothing_saved(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    response = client.post("/tenders/new", data=form_data(client, title="Nettoyage\x00 écoles"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert CONTROL in page and "<h1>422</h1>" in page
    assert count(Tender) == 0


@pytest.mark.parametrize("char", ["\x1b", "\x7f", "\x85"])
def test_other_control_characters_are_refused_too(app_ctx, client, char):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    data = form_data(client, description=f"Nettoyage{char} des écoles")
    response = client.post("/tenders/new", data=data)
    assert response.status_code == 422 and CONTROL in response.get_data(as_text=True)
    assert count(Tender) == 0


def test_newlines_and_tabs_in_multi_line_text_are_kept(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    text = "Nettoyage quotidien\r\n\tdes locaux de six écoles maternelles."
    response = client.post("/tenders/new", data=form_data(client, description=text))
    assert response.status_code == 302
    assert db.session.scalar(select(Tender.description)) == text.replace("\r\n", "\n") or (
        db.session.scalar(select(Tender.description)) == text
    )


def test_tender_form_without_its_lot_fields_is_a_form_error_not_a_500(app_ctx, client):
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    data = {k: v for k, v in form_data(client).items() if not k.startswith("lots-")}
    data.update({"title": "", "description": ""})
    response = client.post("/tenders/new", data=data)
    assert response.status_code == 422
    assert "la description est vide" in response.get_data(as_text=True)
    assert count(Tender) == 0
    # Nothing but the token: every field missing, still a form error.
    bare = {"csrf_token": csrf_token(client, "/tenders/new"), "save": "1"}
    response = client.post("/tenders/new", data=bare)
    assert response.status_code == 422
    assert "l&#39;intitulé est obligatoire" in response.get_data(as_text=True)
    assert count(Tender) == 0
    # Without lots but otherwise valid: saved, with no lot.
    data = {k: v for k, v in form_data(client).items() if not k.startswith("lots-")}
    assert client.post("/tenders/new", data=data).status_code == 302
    assert count(Tender) == 1


def test_nul_in_a_supplier_name_through_the_api_is_a_json_422(app_ctx, client):
    token = admin_token()
    body = supplier_row(name="Régie\u0000 Nîmoise")
    body["departments"] = ["30"]
    response = client.post(
        "/api/v1/suppliers/", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 422
    payload = response.get_json()
    assert payload["code"] == 422 and payload["status"] == "Unprocessable Entity"
    assert CONTROL in payload["errors"]["json"]["name"][0]
    # A lone surrogate (valid JSON escape, not encodable text) is refused the same way.
    raw = b'{"siret": "1", "name": "a\\ud800b"}'
    response = client.post(
        "/api/v1/suppliers/",
        data=raw,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422 and "name" in response.get_json()["errors"]["json"]
    assert count(Supplier) == 0


def test_nul_in_a_path_or_a_query_string(app_ctx, client):
    token = admin_token()
    auth = {"Authorization": f"Bearer {token}"}
    response = client.get("/api/v1/suppliers/1234%00", headers=auth)
    assert response.status_code == 422 and "path" in response.get_json()["errors"]
    response = client.get("/api/v1/suppliers/?q=a%00b", headers=auth)
    assert response.status_code == 422
    assert CONTROL in response.get_json()["errors"]["query"]["q"][0]
    page = client.get("/tenders/x%00y")
    assert page.status_code == 422 and CONTROL in page.get_data(as_text=True)


def test_json_nested_deeper_than_the_limit_is_refused_before_parsing(app_ctx, client):
    token = admin_token()
    auth = {"Authorization": f"Bearer {token}"}
    for body in (b"[" * 5000 + b"]" * 5000, b"[" * 5000, b'{"a":' * 5000 + b"1" + b"}" * 5000):
        response = client.post(
            "/api/v1/suppliers/", data=body, content_type="application/json", headers=auth
        )
        assert response.status_code == 400
        assert "JSON trop imbriqué" in response.get_json()["message"]
    assert count(Supplier) == 0


def test_json_depth_measure():
    assert not json_depth_exceeds(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH)
    assert json_depth_exceeds(b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1))
    # Brackets inside strings do not count; many shallow ones are fine.
    assert not json_depth_exceeds(b'{"a": "' + b"[" * 100 + b'"}')
    assert not json_depth_exceeds(b"[" + b"[1]," * 10_000 + b"[2]]")


def test_page_numbers_are_bounded(app_ctx, client):
    token = admin_token()
    auth = {"Authorization": f"Bearer {token}"}
    response = client.get("/api/v1/suppliers/?page=9223372036854775808", headers=auth)
    assert response.status_code == 422
    assert "entre 1 et" in response.get_json()["errors"]["query"]["page"][0]
    response = client.get("/api/v1/suppliers/?per_page=100000", headers=auth)
    assert response.status_code == 422 and "per_page" in response.get_json()["errors"]["query"]
    assert client.get("/api/v1/suppliers/?page=3", headers=auth).status_code == 200
    login(client, "f@example.org", PASSWORD)
    page = client.get("/admin/suppliers/?page=9223372036854775808")
    assert page.status_code == 422 and "entre 1 et" in page.get_data(as_text=True)


def test_oversized_bodies_get_413_as_a_page_or_json(app, app_ctx, client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    make_admin("f@example.org")
    login(client, "f@example.org", PASSWORD)
    token = csrf_token(client, "/admin/suppliers/import")
    # The multipart body written out (the test client would spool it to an unclosed file).
    body = (
        (
            f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            '--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            "Content-Type: text/csv\r\n\r\nsiret,name\n"
        ).encode()
        + b"x" * (limit + 1)
        + b"\r\n--b--\r\n"
    )
    response = client.post(
        "/admin/suppliers/import", data=body, content_type="multipart/form-data; boundary=b"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "<h1>413</h1>" in page
    assert "Envoi trop volumineux" in page
    response = client.post(
        "/api/v1/suppliers/", data=b" " * (limit + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.get_json()["message"]
    assert count(Supplier) == 0
