"""The clause advisor's numbers and recommendations, and the insertion-hours calculator."""

from __future__ import annotations

import pytest

from procure.extensions import db
from procure.suppliers.models import SupplierStatus
from procure.tenders.advisor import advise, insertion_hours
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_buyer, make_supplier

NEED = "Entretien des espaces verts : tonte, taille des haies, débroussaillage des parcs"
GREEN = "Entretien d'espaces verts, tonte et taille de haies pour les collectivités"


def seed() -> None:
    for i in range(6):
        make_supplier(f"ACI Vert {i}", GREEN, ["34"], ["ACI"])
    make_supplier("ESAT Jardins", GREEN, ["34", "30"], ["ESAT"])
    make_supplier("EA Paysage", GREEN, ["30"], ["EA"])
    make_supplier("Réseau national", GREEN, ["FR"], ["EA"], legal_form="company")
    make_supplier("SCOP Verte", GREEN, ["30"], legal_form="scop")
    make_supplier("EI Traiteur", "Traiteur, plateaux repas et buffets", ["34"], ["EI"])
    make_supplier("ACI non vérifié", GREEN, ["34"], ["ACI"], status=SupplierStatus.PENDING)
    db.session.commit()


def test_many_local_siae_recommend_reserving_the_market(app_ctx):
    seed()
    advice = advise(db.session, ["34"], NEED)
    assert advice.counts == {
        "reserved_inclusion": 6,  # the caterer and the unverified ACI are not counted
        "reserved_disability": 2,  # the ESAT in 34 and the national EA
        "reserved_ess": 7,  # the six ACI (associations) and the ESAT
    }
    assert "6 structures d'insertion (SIAE) dans l'Hérault peuvent répondre" in advice.numbers
    [rec] = advice.recommendations
    assert rec.kind == "reserve_market" and rec.clause_type == "reserved_inclusion"


def test_some_recommend_a_lot_and_few_a_social_criterion(app_ctx):
    seed()
    gard = advise(db.session, ["30"], NEED)
    assert gard.counts["reserved_disability"] == 3 and gard.counts["reserved_inclusion"] == 0
    assert [r.kind for r in gard.recommendations] == ["reserve_lot"]
    assert gard.recommendations[0].clause_type == "reserved_disability"
    lozere = advise(db.session, ["48"], NEED)
    assert lozere.counts == {"reserved_inclusion": 0, "reserved_disability": 1, "reserved_ess": 0}
    assert [r.kind for r in lozere.recommendations] == ["social_criterion"]


def test_siae_among_some_adds_an_insertion_clause(app_ctx):
    make_supplier("ACI A", GREEN, ["12"], ["ACI"])
    make_supplier("ACI B", GREEN, ["12"], ["ACI"])
    db.session.commit()
    kinds = [r.kind for r in advise(db.session, ["12"], NEED).recommendations]
    assert kinds == ["reserve_lot", "insertion"]


@pytest.mark.parametrize(
    ("amount", "kwargs", "hours"),
    [
        (100_000, {}, 80),  # 100000 × 0.4 ÷ 35 × 0.07
        (1_000_000, {"rate": 0.1}, 1143),
        (500_000, {"labour_share": 0.6, "hourly_cost": 30, "rate": 0.05}, 500),
        (0, {}, 0),
    ],
)
def test_insertion_hours(amount, kwargs, hours):
    assert insertion_hours(amount, **kwargs) == hours


def test_insertion_hours_refuses_nonsense():
    for kwargs in ({"hourly_cost": 0}, {"labour_share": 1.5}, {"rate": 0}):
        with pytest.raises(ValueError):
            insertion_hours(100_000, **kwargs)


def test_json_endpoint_follows_the_departement(app_ctx, client):
    seed()
    make_buyer("a@ville.example.fr", "Ville A")
    login(client, "a@ville.example.fr", PASSWORD)
    headers = {"X-CSRFToken": csrf_token(client, "/tenders/new")}
    body = {"departments": ["34"], "text": NEED, "amount": "100000"}
    herault = client.post("/tenders/advisor.json", json=body, headers=headers).get_json()
    gard = client.post(
        "/tenders/advisor.json", json={**body, "departments": ["30"]}, headers=headers
    ).get_json()
    assert herault["counts"]["reserved_inclusion"] == 6 and herault["hours"] == 80
    assert gard["counts"]["reserved_inclusion"] == 0
    assert herault["recommendations"][0]["kind"] == "reserve_market"
    assert gard["recommendations"][0]["kind"] == "reserve_lot"
    assert client.post("/tenders/advisor.json", json=body).status_code == 400  # no CSRF token


def test_ess_reservation_only_for_the_services_the_law_allows(app_ctx):
    for i in range(5):
        make_supplier(f"Asso {i}", "Médiation sociale et accompagnement des familles", ["34"])
    db.session.commit()
    need = "Médiation sociale auprès des familles"
    plain = advise(db.session, ["34"], need)
    assert plain.counts["reserved_ess"] == 5
    assert [r.kind for r in plain.recommendations] == ["social_criterion"]
    social = advise(db.session, ["34"], need, ["85312400"])
    assert [(r.kind, r.clause_type) for r in social.recommendations] == [
        ("reserve_market", "reserved_ess")
    ]


def test_a_shared_word_is_not_a_shared_trade(app_ctx):
    seed()
    garage = "Garage solidaire : entretien et réparation de véhicules"
    make_supplier("Garage solidaire", garage, ["34"], ["ACI"])
    db.session.commit()
    need = "Entretien des véhicules de la flotte municipale"
    advice = advise(db.session, ["34"], need)
    # The six green-space ACI share the word "entretien", not the trade: only the garage counts.
    assert advice.counts["reserved_inclusion"] == 1
    assert advice.relevant_total == 1
