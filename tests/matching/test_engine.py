"""Shortlists as a buyer sees them: order, eligibility, area and reasons."""

import pytest
from conftest import supplier, tender

from procure.matching.engine import (
    MatchIndex,
    rank,
    rank_tenders_for_supplier,
    supplier_trades,
    tender_trades,
)
from procure.matching.reasons import render_all
from procure.matching.types import Clause, Lot

GREEN = "Tonte des pelouses, taille de haies et débroussaillage pour les communes."
HERITAGE = "Restauration du patrimoine : murs en pierre sèche, lavoirs, enduits à la chaux."
CATERING = "Restauration collective : cuisine centrale, repas en liaison froide pour les cantines."
CLEANING = "Nettoyage de bureaux, entretien des sanitaires et lavage des sols."


@pytest.fixture
def index():
    return MatchIndex.build(
        [
            supplier(1, GREEN, ("34",), kinds=("ESAT",)),
            supplier(2, HERITAGE, ("34",), kinds=("ACI",)),
            supplier(3, CATERING, ("34",), kinds=("EA",)),
            supplier(4, GREEN, ("59",), legal_form="company"),
            supplier(5, GREEN, ("30",), kinds=("EI",)),
            supplier(6, CLEANING, ("34",), legal_form="company"),
            supplier(7, GREEN, ("FR",), legal_form="scop"),
            supplier(
                8,
                CLEANING + " Produits écolabellisés et véhicules électriques.",
                ("34",),
                kinds=("EI",),
            ),
        ]
    )


def ids(matches):
    return [m.supplier_id for m in matches]


def test_green_spaces_meet_mowing_and_hedges(index):
    got = ids(rank(index, tender("Entretien des espaces verts")))
    assert got[0] == 1
    assert 2 not in got[:3] and 3 not in got[:3]


def test_catering_does_not_meet_heritage_restoration(index):
    got = rank(index, tender("Restauration collective des écoles"))
    assert got[0].supplier_id == 3
    assert all(m.score < got[0].score / 3 for m in got if m.supplier_id == 2)


def test_area_order_department_national_region_elsewhere(index):
    got = ids(rank(index, tender("Entretien des espaces verts")))
    assert got.index(1) < got.index(7) < got.index(5) < got.index(4)


def texts(match, lang="fr"):
    return render_all(match.reasons, lang)


def test_national_tender_is_served_by_everyone(index):
    got = rank(index, tender("Entretien des espaces verts", departments=("FR",)))
    assert {1, 4, 5, 7} <= set(ids(got))
    assert texts(got[0])[0] == "Marché de portée nationale"


def test_reserved_clauses_union_never_violated(index):
    t = tender(
        "Entretien des espaces verts",
        clauses=(Clause("reserved_disability"), Clause("reserved_inclusion")),
    )
    got = ids(rank(index, t))
    assert 1 in got and 5 in got
    assert not {4, 6, 7} & set(got)


def test_reserved_clause_on_a_lot_counts(index):
    t = tender(
        "Entretien des espaces verts",
        lots=(Lot("Lot 2", "Tonte", (Clause("reserved_disability"),)),),
    )
    assert set(ids(rank(index, t))) <= {1, 3}


def test_reserved_ess_accepts_sse_forms_and_esus():
    idx = MatchIndex.build(
        [
            supplier(1, GREEN, legal_form="company"),
            supplier(2, GREEN, legal_form="company", esus=True),
            supplier(3, GREEN, legal_form="scic"),
        ]
    )
    got = rank(idx, tender("Entretien des espaces verts", clauses=(Clause("reserved_ess"),)))
    assert set(ids(got)) == {2, 3}
    assert any("ESUS" in r for m in got for r in texts(m))


def test_reasons_are_short_and_french(index):
    t = tender(
        "Entretien des espaces verts",
        clauses=(Clause("reserved_disability"), Clause("insertion", hours=1200)),
    )
    first = rank(index, t)[0]
    assert texts(first)[0] == "Intervient dans l'Hérault (34)"
    assert "ESAT : éligible au marché réservé" in texts(first)
    assert any(
        r.startswith("Fait ce métier : entretien des espaces verts — « ") for r in texts(first)
    )
    assert texts(first, "en")[0] == "Works in Hérault (34)"
    assert "ESAT: eligible for the reserved contract" in texts(first, "en")
    assert any(r.startswith("Does this trade: grounds maintenance") for r in texts(first, "en"))
    assert 0 < first.score <= 100 and round(first.score, 1) == first.score


def test_insertion_hours_formatting_and_null_hours(index):
    with_hours = rank(
        index,
        tender("Espaces verts", departments=("30",), clauses=(Clause("insertion", hours=1200),)),
    )
    reason = [r for m in with_hours if m.supplier_id == 5 for r in texts(m) if "insertion" in r]
    assert reason == ["Structure d'insertion (EI) : peut porter les 1 200 heures d'insertion"]
    no_hours = rank(
        index,
        tender("Espaces verts", departments=("30",), clauses=(Clause("insertion", hours=None),)),
    )
    assert any(r.endswith("peut porter la clause d'insertion") for m in no_hours for r in texts(m))


def test_environmental_clause_prefers_stated_practice(index):
    t = tender("Nettoyage des locaux", clauses=(Clause("environmental", text="écolabel"),))
    got = rank(index, t)
    assert got[0].supplier_id == 8
    assert any(r.startswith("Pratique écologique : ") for r in texts(got[0]))


def test_overseas_codes():
    idx = MatchIndex.build(
        [
            supplier(1, CLEANING, ("971",)),
            supplier(2, CLEANING, ("975",)),
            supplier(3, CLEANING, ("34",)),
        ]
    )
    got = rank(idx, tender("Nettoyage des locaux", departments=("971", "977", "978")))
    assert ids(got)[0] == 1
    assert texts(got[0])[0] == "Intervient en Guadeloupe (971)"
    assert ids(rank(idx, tender("Nettoyage", departments=("975",))))[0] == 2


def test_unknown_codes_do_not_crash():
    idx = MatchIndex.build([supplier(1, CLEANING, ("99", "34"))])
    assert ids(rank(idx, tender("Nettoyage", departments=("xx", "34")))) == [1]


def test_upsert_and_remove_show_in_results(index):
    t = tender("Entretien des espaces verts")
    index.upsert(supplier(1, CATERING, ("34",), kinds=("ESAT",)))
    assert ids(rank(index, t))[0] != 1
    index.upsert(supplier(9, GREEN + " Élagage.", ("34",), kinds=("EI",)))
    assert ids(rank(index, t))[0] == 9
    assert index.remove(9) and not index.remove(9)
    assert 9 not in ids(rank(index, t))
    assert len(index) == 8


def test_save_load_round_trip(index, tmp_path):
    index.upsert(supplier(10, GREEN, ("34",)))
    index.remove(6)
    path = tmp_path / "index.bin"
    index.save(path)
    loaded = MatchIndex.load(path)
    for title in ("Entretien des espaces verts", "Nettoyage des locaux", "Restauration"):
        assert rank(loaded, tender(title)) == rank(index, tender(title))
    loaded.upsert(supplier(11, CLEANING, ("34",)))
    assert 11 in ids(rank(loaded, tender("Nettoyage des locaux")))


def test_trades_override_replaces_detection(index):
    t = tender("Prestations diverses", trades_override=("restauration_collective",))
    assert tender_trades(t) == [("restauration_collective", "Restauration collective", 1.0)]
    assert ids(rank(index, t))[0] == 3


def test_trade_listings():
    assert tender_trades(tender("Tonte et taille de haies"))[0][0] == "espaces_verts"
    assert supplier_trades(supplier(1, CATERING))[0][:2] == (
        "restauration_collective",
        "Restauration collective",
    )


def test_tenders_for_a_supplier_are_eligible_and_ranked():
    me = supplier(1, GREEN, ("34",), kinds=("EI",))
    tenders = [
        tender("Entretien des espaces verts"),
        tender("Entretien des espaces verts", clauses=(Clause("reserved_disability"),)),
        tender("Restauration collective"),
        tender("Espaces verts", departments=("59",)),
    ]
    got = rank_tenders_for_supplier(me, tenders, limit=10)
    assert got[0][0] is tenders[0]
    assert tenders[1] not in [t for t, _, _ in got]
    assert all(score > 0 and reasons for _, score, reasons in got)


def test_empty_inputs():
    assert rank(MatchIndex.build([]), tender("Nettoyage")) == []
    assert rank(MatchIndex.build([supplier(1, CLEANING)]), tender("Nettoyage"), limit=0) == []


def test_index_saved_with_another_vocabulary_is_refused(index, tmp_path, monkeypatch):
    """Stored trades go stale when the trade vocabulary changes: the file must be rebuilt."""
    import procure.matching.index as index_module

    path = tmp_path / "index.pkl"
    index.save(path)
    monkeypatch.setattr(index_module, "VOCABULARY", "another-vocabulary")
    with pytest.raises(ValueError, match="rebuild"):
        MatchIndex.load(path)
