"""The role × route authorisation matrix, generated from the app's URL map: every rule and
every method, for every role, against the outcome written down in `EXPECTED` below. A new
route that is not in the table fails the test until its row is written.

Objects named in URLs belong to the first buyer's organisation (tender A-1) and to the first
supplier (its record): the other buyer and the other supplier must be kept out of them.
Form posts carry a valid CSRF token, so a refusal is the authorisation's, not CSRF's.

Outcomes: `ok` (served, or a redirect that is not to log-in, or the form's own validation
answer), `login` (redirected to log-in), `401`, `403`, `404`, and `422` (an API body refused).
"""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from procure.accounts.models import Role
from procure.api.auth import create_token
from procure.extensions import db
from procure.mail.outbox import Draft, queue_message
from tests import factories
from tests.conftest import CSRF_RE, IsolatedClient

ROLES = ("anonymous", "buyer", "other_buyer", "supplier", "other_supplier", "facilitator")
OK, LOGIN, NO_TOKEN, DENIED, HIDDEN, INVALID = "ok", "login", "401", "403", "404", "422"

# "METHOD rule": outcome for (anonymous, buyer, other buyer, supplier, other supplier,
# facilitator). The buyer owns tender A-1; the supplier owns the record in the URL.
# Bodies are empty: an API body with required fields, or a form, is refused (422) by its
# validation once the role may use the route; on PUT the body is checked before the object is
# looked up, so the other supplier gets 422 there and 404 on PATCH, and reads nothing either way.
EXPECTED: dict[str, tuple[str, ...]] = {
    "GET /": (OK, OK, OK, OK, OK, OK),
    "GET /account/login": (OK, OK, OK, OK, OK, OK),
    "GET /account/notifications": (LOGIN, OK, OK, OK, OK, OK),
    "GET /account/reset": (OK, OK, OK, OK, OK, OK),
    "GET /account/reset/<token>": (OK, OK, OK, OK, OK, OK),
    "GET /account/signup": (OK, OK, OK, OK, OK, OK),
    "GET /admin/": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/digests/preview": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/digests/preview/<int:user_id>": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/outbox": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/outbox/<int:message_id>": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/outbox/files": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/outbox/files/<name>": (LOGIN, DENIED, DENIED, DENIED, DENIED, HIDDEN),
    "GET /admin/suppliers/": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/suppliers/<int:supplier_id>": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/suppliers/export.<fmt>": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/suppliers/import": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /admin/tenders/": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /api/v1/openapi.json": (OK, OK, OK, OK, OK, OK),
    "GET /api/v1/suppliers/": (NO_TOKEN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /api/v1/suppliers/<siret>": (NO_TOKEN, DENIED, DENIED, OK, HIDDEN, OK),
    "GET /api/v1/tenders/": (NO_TOKEN, OK, OK, DENIED, DENIED, OK),
    "GET /api/v1/tenders/<reference>": (NO_TOKEN, OK, HIDDEN, DENIED, DENIED, OK),
    "GET /api/v1/tenders/<reference>/shortlist": (NO_TOKEN, OK, HIDDEN, DENIED, DENIED, OK),
    "GET /lang/<code>": (OK, OK, OK, OK, OK, OK),
    "GET /notifications/interest/<token>": (OK, OK, OK, OK, OK, OK),
    "GET /notifications/unsubscribe/<token>": (OK, OK, OK, OK, OK, OK),
    "GET /static/<path:filename>": (OK, OK, OK, OK, OK, OK),
    "GET /suppliers/<int:supplier_id>": (LOGIN, DENIED, DENIED, OK, HIDDEN, OK),
    "GET /suppliers/<int:supplier_id>/edit": (LOGIN, DENIED, DENIED, OK, HIDDEN, OK),
    "GET /suppliers/for-you": (LOGIN, DENIED, DENIED, OK, OK, DENIED),
    # an invitation link for another account: refused with a message (a redirect)
    "GET /suppliers/join/<token>": (LOGIN, OK, OK, OK, OK, OK),
    "GET /suppliers/mine": (LOGIN, DENIED, DENIED, OK, OK, DENIED),
    "GET /suppliers/register": (LOGIN, DENIED, DENIED, OK, OK, DENIED),
    "GET /tenders/": (LOGIN, OK, OK, DENIED, DENIED, OK),
    "GET /tenders/<reference>": (LOGIN, OK, HIDDEN, OK, OK, OK),  # open: verified suppliers read it
    "GET /tenders/<reference>/edit": (LOGIN, OK, HIDDEN, DENIED, DENIED, DENIED),
    "GET /tenders/<reference>/shortlist": (LOGIN, OK, HIDDEN, DENIED, DENIED, OK),
    "GET /tenders/cpv.json": (LOGIN, OK, OK, DENIED, DENIED, OK),
    "GET /tenders/new": (LOGIN, OK, OK, DENIED, DENIED, DENIED),
    "PATCH /api/v1/suppliers/<siret>": (NO_TOKEN, DENIED, DENIED, OK, HIDDEN, OK),
    "PATCH /api/v1/tenders/<reference>": (
        NO_TOKEN,
        OK,
        HIDDEN,
        DENIED,
        DENIED,
        OK,
    ),  # {}: no change
    "POST /account/login": (OK, OK, OK, OK, OK, OK),
    "POST /account/logout": (LOGIN, OK, OK, OK, OK, OK),
    "POST /account/notifications": (LOGIN, OK, OK, OK, OK, OK),
    "POST /account/reset": (OK, OK, OK, OK, OK, OK),
    "POST /account/signup": (OK, OK, OK, OK, OK, OK),
    "POST /admin/suppliers/<int:supplier_id>/reject": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "POST /admin/suppliers/<int:supplier_id>/verify": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "POST /admin/suppliers/import": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "POST /admin/tenders/<reference>/reject": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "POST /admin/tenders/<reference>/validate": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "POST /api/v1/suppliers/": (NO_TOKEN, DENIED, DENIED, DENIED, DENIED, INVALID),
    "POST /api/v1/tenders/": (NO_TOKEN, INVALID, INVALID, DENIED, DENIED, INVALID),
    "POST /api/v1/tenders/<reference>/close": (NO_TOKEN, OK, HIDDEN, DENIED, DENIED, OK),
    "POST /api/v1/tenders/<reference>/submit": (NO_TOKEN, OK, HIDDEN, DENIED, DENIED, OK),
    "POST /notifications/interest/<token>": (OK, OK, OK, OK, OK, OK),
    "POST /notifications/unsubscribe/<token>": (OK, OK, OK, OK, OK, OK),
    "POST /suppliers/<int:supplier_id>/edit": (LOGIN, DENIED, DENIED, OK, HIDDEN, OK),
    "POST /suppliers/<int:supplier_id>/members": (LOGIN, DENIED, DENIED, OK, HIDDEN, OK),
    "POST /suppliers/register": (LOGIN, DENIED, DENIED, OK, OK, DENIED),
    "POST /tenders/<reference>/close": (LOGIN, OK, HIDDEN, DENIED, DENIED, DENIED),
    "POST /tenders/<reference>/edit": (LOGIN, OK, HIDDEN, DENIED, DENIED, DENIED),
    "POST /tenders/<reference>/submit": (LOGIN, OK, HIDDEN, DENIED, DENIED, DENIED),
    "POST /tenders/<reference>/trades": (LOGIN, OK, HIDDEN, DENIED, DENIED, OK),
    "POST /tenders/advisor.json": (LOGIN, OK, OK, DENIED, DENIED, OK),
    "POST /tenders/new": (LOGIN, INVALID, INVALID, DENIED, DENIED, DENIED),
    "PUT /api/v1/suppliers/<siret>": (NO_TOKEN, DENIED, DENIED, INVALID, INVALID, INVALID),
    # Added with accounts, background imports, the supplier's answers and Spaser. An award
    # POSTed by the other buyer is refused by its body's validation (422) before the tender is
    # looked up, as PUT on suppliers: nothing is read or written either way.
    "GET /accessibilite": (OK, OK, OK, OK, OK, OK),
    "GET /account/": (LOGIN, OK, OK, OK, OK, OK),
    "GET /account/admin/organisations": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /account/invitation": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "GET /account/invitation/<token>": (OK, OK, OK, OK, OK, OK),
    "GET /account/password/new": (OK, OK, OK, OK, OK, OK),
    "GET /account/signup/done": (OK, OK, OK, OK, OK, OK),
    "GET /account/verify/<token>": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "GET /admin/digests/preview/<int:user_id>/mail.html": (
        LOGIN,
        DENIED,
        DENIED,
        DENIED,
        DENIED,
        HIDDEN,
    ),
    "GET /admin/imports/<int:job_id>": (LOGIN, DENIED, DENIED, DENIED, DENIED, HIDDEN),
    "GET /admin/imports/<int:job_id>/rejected.csv": (LOGIN, DENIED, DENIED, DENIED, DENIED, HIDDEN),
    "GET /api/v1/spaser/decp": (NO_TOKEN, OK, OK, DENIED, DENIED, OK),
    "GET /api/v1/spaser/report": (NO_TOKEN, INVALID, INVALID, DENIED, DENIED, INVALID),
    "GET /api/v1/spaser/tenders/<reference>/awards": (NO_TOKEN, OK, HIDDEN, DENIED, DENIED, OK),
    "GET /spaser/": (LOGIN, OK, OK, DENIED, DENIED, OK),
    "GET /spaser/contracts/<int:contract_pk>": (LOGIN, HIDDEN, HIDDEN, DENIED, DENIED, HIDDEN),
    "GET /spaser/export.csv": (LOGIN, OK, OK, DENIED, DENIED, OK),
    "GET /spaser/export.xlsx": (LOGIN, OK, OK, DENIED, DENIED, OK),
    "GET /spaser/hours/import": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "GET /spaser/report": (LOGIN, OK, OK, DENIED, DENIED, OK),
    "GET /spaser/tenders/<reference>/awards": (LOGIN, OK, HIDDEN, DENIED, DENIED, OK),
    "POST /account/admin/join-requests/<int:request_id>/<decision>": (
        LOGIN,
        DENIED,
        DENIED,
        DENIED,
        DENIED,
        HIDDEN,
    ),
    "POST /account/admin/organisations/<int:org_id>/<decision>": (
        LOGIN,
        DENIED,
        DENIED,
        DENIED,
        DENIED,
        OK,
    ),
    "POST /account/invitation": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "POST /account/logout-everywhere": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "POST /account/organisation/invite": (LOGIN, OK, OK, DENIED, DENIED, DENIED),
    "POST /account/password": (LOGIN, OK, OK, OK, OK, OK),
    "POST /account/password/new": (OK, OK, OK, OK, OK, OK),
    "POST /account/verify/resend": (OK, OK, OK, OK, OK, OK),
    "POST /api/v1/spaser/tenders/<reference>/awards": (
        NO_TOKEN,
        INVALID,
        INVALID,
        DENIED,
        DENIED,
        INVALID,
    ),
    "POST /spaser/contracts/<int:contract_pk>": (LOGIN, HIDDEN, HIDDEN, DENIED, DENIED, HIDDEN),
    "POST /spaser/hours/import": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK),
    "POST /spaser/tenders/<reference>/awards": (LOGIN, OK, HIDDEN, DENIED, DENIED, OK),
    "POST /tenders/<reference>/answer": (LOGIN, DENIED, DENIED, OK, OK, DENIED),
    "PUT /api/v1/spaser/contracts/<buyer_siret>/<contract_id>/hours/<int:year>": (
        NO_TOKEN,
        DENIED,
        DENIED,
        DENIED,
        DENIED,
        INVALID,
    ),
}


def _seed(app: Flask) -> dict[str, object]:
    with app.app_context():
        users = {
            "buyer": factories.make_buyer("acheteur@ville-a.example.org", "Ville A"),
            "other_buyer": factories.make_buyer("acheteuse@ville-b.example.org", "Ville B"),
            "supplier": factories.make_user(Role.SUPPLIER, "contact@jardins.example.org"),
            "other_supplier": factories.make_user(Role.SUPPLIER, "contact@atelier.example.org"),
            "facilitator": factories.make_admin("animatrice@example.org"),
        }
        record = factories.make_supplier("Jardins", "entretien des espaces verts", ["34"])
        other = factories.make_supplier("Atelier", "couture et retouche", ["FR"])
        users["supplier"].supplier_id = record.id
        users["other_supplier"].supplier_id = other.id
        factories.make_tender(
            "Espaces verts",
            "Entretien des espaces verts",
            ["34"],
            reference="A-1",
            organisation="Ville A",
        )
        message_id = queue_message(
            db.session,
            Draft(
                user_id=users["buyer"].id,
                recipient=users["buyer"].email,
                kind="digest",
                period="2026-W49",
                subject="Votre sélection",
                text="Bonjour",
            ),
        )
        tokens = {role: create_token(db.session, user) for role, user in users.items()}
        db.session.commit()
        values = {
            "reference": "A-1",
            "supplier_id": str(record.id),
            "siret": record.siret,
            "user_id": str(users["buyer"].id),
            "message_id": str(message_id),
            "name": "absent.eml",
            "token": "not-a-signed-token",
            "code": "en",
            "fmt": "csv",
            "filename": "procure.css",
            "org_id": str(users["buyer"].organisation_id),
            "request_id": "1",
            "decision": "approve",
            "job_id": "1",
            "buyer_siret": "21340172201787",
            "contract_id": "2026-001",
            "year": "2026",
            "contract_pk": "1",
            "lot": "1",
        }
        emails = {role: user.email for role, user in users.items()}
        db.session.remove()
    return {"values": values, "tokens": tokens, "emails": emails}


def _client(app: Flask, role: str, seed: dict, n: int) -> tuple[FlaskClient, str]:
    app.test_client_class = IsolatedClient
    # One address per role: the log-in rate limit counts per address.
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"192.0.2.{n + 1}"
    page = client.get("/account/login").get_data(as_text=True)
    token = CSRF_RE.search(page).group(1)
    if role != "anonymous":
        answer = client.post(
            "/account/login",
            data={
                "email": seed["emails"][role],
                "password": factories.PASSWORD,
                "csrf_token": token,
            },
        )
        assert answer.status_code == 302, f"{role} could not log in"
    return client, token


def _outcome(response) -> str:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status in (301, 302, 303, 307, 308):
        return LOGIN if "/account/login" in response.headers["Location"] else OK
    if status in (401, 403, 404, 422):
        return str(status)
    return OK


def _routes(app: Flask) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, rule.rule))
    # Log-outs last: they end the session the other rows use.
    ending = ("/account/logout", "/account/logout-everywhere")
    return sorted(routes, key=lambda r: (r[1] in ending, r[1], r[0]))


def test_every_route_for_every_role(app: Flask):
    seed = _seed(app)
    routes = _routes(app)
    observed: dict[str, list[str]] = {f"{m} {r}": [] for m, r in routes}
    for n, role in enumerate(ROLES):
        client, csrf = _client(app, role, seed, n)
        headers = {}
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {seed['tokens'][role]}"
        for method, rule in routes:
            url = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: seed["values"][m.group(1)], rule)
            if url.startswith("/api/"):
                response = client.open(url, method=method, headers=headers, json={})
            elif method == "POST":
                response = client.post(url, data={"csrf_token": csrf})
            else:
                response = client.open(url, method=method)
            observed[f"{method} {rule}"].append(_outcome(response))
            response.close()
    table = {k: tuple(v) for k, v in observed.items()}
    rows = "\n".join(f'    "{k}": ({", ".join(v)}),' for k, v in sorted(table.items()))
    print(f"\n{len(table)} routes x {len(ROLES)} roles = {len(table) * len(ROLES)} requests")
    missing = sorted(set(table) - set(EXPECTED))
    seen = "\n".join(f'    "{k}": ({", ".join(table[k])}),' for k in missing)
    assert not missing, f"routes without a row in EXPECTED (review, then write):\n{seen}"
    gone = sorted(set(EXPECTED) - set(table))
    assert not gone, f"rows of EXPECTED for routes that no longer exist: {gone}"
    wrong = {k: (EXPECTED[k], v) for k, v in table.items() if EXPECTED[k] != v}
    assert not wrong, f"expected vs observed: {wrong}\nobserved:\n{rows}"
