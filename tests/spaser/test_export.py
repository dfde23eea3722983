"""`procure export decp`: procure's awards in the regulatory format, valid against its schema."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import shared_path
from tests.spaser.conftest import BUYER_A, BUYER_B


def _export(runner, *args: str) -> dict:
    result = runner.invoke(args=["export", "decp", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_export_is_valid_against_the_regulatory_schema(world, runner):
    schema = json.loads(shared_path("data", "decp", "schema_decp_v2.0.3.json").read_text("utf-8"))
    data = _export(runner)
    jsonschema.validate(data, schema)  # raises on the first violation
    (marche,) = data["marches"]["marche"]  # only procure's own award, not the DECP imports
    assert marche["id"] == "AWARD-1" and marche["acheteur"] == {"id": BUYER_A}
    assert marche["montant"] == 10000.0 and marche["dateNotification"] == "2025-06-01"
    assert marche["codeCPV"] == "90910000" and marche["lieuExecution"]["code"] == "34"
    assert marche["considerationsSociales"] == {"considerationSociale": ["Clause sociale"]}
    assert marche["considerationsEnvironnementales"] == {
        "considerationEnvironnementale": ["Clause environnementale"]
    }
    assert marche["titulaires"][0]["titulaire"]["typeIdentifiant"] == "SIRET"


def test_schema_refuses_a_broken_export(world, runner):
    """The validation above can fail: a contract without titulaires is refused."""
    schema = json.loads(shared_path("data", "decp", "schema_decp_v2.0.3.json").read_text("utf-8"))
    data = _export(runner)
    data["marches"]["marche"][0]["titulaires"] = []
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        assert "titulaires" in list(exc.path)
    else:
        raise AssertionError("an empty titulaires list should be invalid")


def test_filters_by_buyer_and_year(world, runner):
    assert len(_export(runner, "--buyer", BUYER_A, "--year", "2025")["marches"]["marche"]) == 1
    assert _export(runner, "--buyer", BUYER_B)["marches"]["marche"] == []
    assert _export(runner, "--year", "2024")["marches"]["marche"] == []
