"""`procure users create-token EMAIL` (procure/api/cli.py, in the users group): the printed
token opens the API for that account, once; an unknown address is refused."""

from __future__ import annotations

from procure.extensions import db
from tests.factories import make_buyer, make_tender


def test_the_printed_token_opens_the_api(app_ctx, runner, client):
    make_buyer("claire@example.org", organisation="Ville de Sète")
    make_tender("Entretien des espaces verts", "Tonte et taille de haies.", ["34"],
                reference="T-API", organisation="Ville de Sète")  # fmt: skip
    db.session.commit()
    result = runner.invoke(args=["users", "create-token", "claire@example.org", "--name", "ERP"])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert client.get("/api/v1/tenders/T-API/shortlist").status_code == 401
    headers = {"Authorization": f"Bearer {token}"}
    body = client.get("/api/v1/tenders/T-API/shortlist", headers=headers).get_json()
    assert body["tender"] == "T-API"


def test_an_unknown_address_gets_no_token(app_ctx, runner):
    result = runner.invoke(args=["users", "create-token", "nobody@example.org"])
    assert result.exit_code != 0
    assert "no account for nobody@example.org" in result.output
