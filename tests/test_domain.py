"""The domain vocabulary is declared once (procure.domain) and every reader follows it: each
clause type has a label in both languages, an OCDS rule that survives export and import, a
form entry showing the right parameter field, validation of its parameter and an API enum."""

from __future__ import annotations

import html
import json
import re

import pytest
from flask_babel import force_locale, gettext

from procure.domain.clauses import CLAUSES, PARAMS, ClauseSpec, Param, clause_as_dict
from procure.domain.kinds import KINDS, LEGAL_FORM_SPECS, Family, is_sse
from procure.ocds.importer import clauses_of
from procure.ocds.mapping import tender_to_release
from procure.tenders.clause_rules import clean_clauses
from procure.tenders.models import Clause, Tender, TenderStatus
from procure.tenders.setup import clause_text
from tests.conftest import login
from tests.factories import PASSWORD, make_buyer

SAMPLE = {
    Param.NONE: None,
    Param.HOURS: 420,
    Param.WEIGHT: 12.5,
    Param.TEXT: "Produits écolabellisés",
}
IDS = [c.code for c in CLAUSES]


def clause_of(spec: ClauseSpec) -> Clause:
    clause = Clause(type=spec.type)
    if spec.param is not Param.NONE:
        setattr(clause, spec.param.value, SAMPLE[spec.param])
    return clause


@pytest.mark.parametrize("spec", CLAUSES, ids=IDS)
def test_every_clause_type_survives_an_ocds_export_and_import(spec):
    tender = Tender(reference="T-1", title="t", description="d", status=TenderStatus.OPEN)
    tender.organisation_id = 1
    clause = clause_of(spec)
    tender.clauses = [clause]
    tender.organisation = type("Org", (), {"name": "Ville"})()  # the release names the buyer
    release = tender_to_release(tender)
    assert clauses_of(release["tender"]) == [clause.as_dict()]


def test_clause_types_sharing_an_ocds_code_read_back_jointly_without_procure_fields():
    shared = [c for c in CLAUSES if c.ocds.reserved_participation == "shelteredWorkshop"]
    read = clauses_of({"otherRequirements": {"reservedParticipation": ["shelteredWorkshop"]}})
    assert read == [{"type": c.code} for c in shared] and len(shared) == 2


@pytest.mark.parametrize("spec", CLAUSES, ids=IDS)
def test_every_clause_type_has_a_label_in_both_languages(app_ctx, spec):
    clause = clause_of(spec)
    with force_locale("fr"):
        french = clause_text(clause)
    with force_locale("en"):
        english = clause_text(clause)
        label = gettext(spec.label)
    assert french.startswith(spec.label) and english.startswith(label)
    assert label != spec.label, f"no English label for {spec.code}"
    if spec.param is not Param.NONE:
        shown = str(SAMPLE[spec.param]).replace(".0", "")
        assert shown in french and shown in english


@pytest.mark.parametrize("spec", CLAUSES, ids=IDS)
def test_every_clause_type_checks_its_one_parameter(app_ctx, spec):
    errors: dict[str, str] = {}
    raw = clause_as_dict(spec.code, 420, 12.5, "Produits écolabellisés")
    [clean] = clean_clauses([raw], "clauses", True, errors)
    assert errors == {} and clean.as_dict() == raw
    if spec.param is Param.NONE:
        assert set(raw) == {"type"}
        return
    clean_clauses([{"type": spec.code}], "clauses", True, errors)
    assert set(errors) == {f"clauses.0.{spec.param.value}"}
    with force_locale("en"):
        assert gettext(PARAMS[spec.param].required_message) != PARAMS[spec.param].required_message


def test_the_form_offers_every_clause_type_and_tells_the_script_its_parameter(app_ctx, client):
    make_buyer("buyer@example.org")
    login(client, "buyer@example.org", PASSWORD)
    page = client.get("/tenders/new").get_data(as_text=True)
    select = re.search(r'<select[^>]*class="clause-type"[^>]*>(.*?)</select>', page, re.S)
    assert select
    params = json.loads(html.unescape(re.search(r'data-params="([^"]+)"', select.group(0))[1]))
    assert params == {c.code: c.param.value for c in CLAUSES}
    offered = re.findall(r'<option[^>]*value="([^"]*)"', select.group(1))
    assert offered == ["", *(c.code for c in CLAUSES)]
    assert all(spec.label in html.unescape(select.group(1)) for spec in CLAUSES)
    # Each parameter has its field in the row, named after the parameter (the script shows
    # `.clause-<param>` for the selected type).
    for param in PARAMS:
        assert f'class="clause-{param.value}"' in page


def test_the_api_schema_lists_every_clause_type(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    clause = spec["components"]["schemas"]["Clause"]
    assert clause["properties"]["type"]["enum"] == [c.code for c in CLAUSES]


def test_supplier_kinds_and_legal_forms_have_labels_and_families(app_ctx):
    with force_locale("en"):
        for spec in KINDS:
            assert gettext(spec.label) != spec.label, f"no English label for {spec.code}"
        assert gettext(LEGAL_FORM_SPECS[-1].label) == "Commercial company"
    assert {k.code for k in KINDS if k.family is Family.GEIQ} == {"GEIQ"}
    assert is_sse("SCOP ", False) and is_sse("company", True) and not is_sse("company", False)
