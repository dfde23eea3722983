"""Schemathesis over the whole OpenAPI description (/api/v1/openapi.json), with a
facilitator's, a buyer's and a supplier's token: every answer must be documented, conform to
its schema (body, content type, headers), and never be a server error.

Each operation is fuzzed for each token, with valid and invalid data (Schemathesis' positive
and negative modes), once with generated path parameters and once naming the token's own
objects (its organisation's tender, its supplier record), so that the deep paths run too.
Derandomized and bounded (`EXAMPLES` per run; `PROCURE_SCHEMATHESIS_EXAMPLES` for a deeper
run) so the suite stays short. Runs on SQLite and PostgreSQL like every `app` test.
"""

from __future__ import annotations

import os
from collections import Counter

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks

from procure.accounts.models import Role
from procure.api.auth import create_token
from procure.extensions import db
from tests import factories

EXAMPLES = int(os.environ.get("PROCURE_SCHEMATHESIS_EXAMPLES", "5"))
CHECKS = [
    not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


def _seed(app: Flask) -> dict[str, tuple[str, dict[str, str]]]:
    """Per role: its token and the path parameters naming its own objects."""
    with app.app_context():
        admin = factories.make_admin("animatrice@example.org")
        buyer = factories.make_buyer("acheteur@example.org", "Ville A")
        factories.make_buyer("autre@example.org", "Ville B")
        record = factories.make_supplier(
            "Jardins Solidaires", "entretien des espaces verts", ["34"]
        )
        supplier = factories.make_user(Role.SUPPLIER, "contact@jardins.example.org")
        supplier.supplier_id = record.id
        factories.make_supplier("Atelier Textile", "couture et retouche", ["FR"], kinds=["ESAT"])
        factories.make_tender(
            "Espaces verts",
            "Entretien des espaces verts de la ville",
            ["34"],
            reference="A-1",
            organisation="Ville A",
            clauses=[{"type": "insertion", "hours": 300}],
        )
        factories.make_tender(
            "Nettoyage", "Nettoyage des locaux", ["30"], reference="B-1", organisation="Ville B"
        )
        ours = {"reference": "A-1", "siret": record.siret}
        tokens = {
            "facilitator": (create_token(db.session, admin), ours),
            "buyer": (create_token(db.session, buyer), ours),
            "supplier": (create_token(db.session, supplier), ours),
        }
        db.session.commit()
        db.session.remove()
    return tokens


def test_every_api_answer_is_documented_and_no_server_error(app: Flask):
    tokens = _seed(app)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    requests: Counter = Counter()
    failures: dict[tuple[str, str, int], str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12, [op.label for op in operations]

    def run(operation, token: str, strategy, role: str) -> None:
        headers = {"Authorization": f"Bearer {token}"}

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        @given(strategy)
        def fuzz(case) -> None:
            response = case.call(headers=headers)
            requests[response.status_code // 100 * 100] += 1
            status = response.status_code
            if str(status) not in operation.responses.status_codes:
                failures[(operation.label, "undocumented status", status)] = case.as_curl_command()
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except BaseExceptionGroup as group:  # schemathesis' FailureGroup
                for failure in group.exceptions:
                    key = (operation.label, getattr(failure, "title", repr(failure)), status)
                    failures[key] = f"{role}: {failure}"

        fuzz()

    for operation in operations:
        for role, (token, ours) in tokens.items():
            named = {k: v for k, v in ours.items() if "{" + k + "}" in operation.path}
            for mode in MODES:
                for path_parameters in [None, named] if named else [None]:
                    strategy = operation.as_strategy(
                        generation_mode=mode, path_parameters=path_parameters
                    )
                    run(operation, token, strategy, role)
    total = sum(requests.values())
    print(
        f"\nschemathesis: {len(operations)} operations, {total} requests "
        f"({', '.join(f'{k // 100}xx: {n}' for k, n in sorted(requests.items()))}), "
        f"{len(failures)} failures"
    )
    assert total > len(operations) * len(tokens) * EXAMPLES
    assert failures == {}, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
