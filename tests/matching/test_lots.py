"""Lots: a lot's reservation applies to that lot only; each lot has its own shortlist and the
tender's shortlist names the lot(s) a supplier fits."""

from conftest import supplier, tender

from procure.matching.engine import MatchIndex, rank, rank_with_lots
from procure.matching.reasons import render_all
from procure.matching.types import Clause, Lot


def _index() -> MatchIndex:
    return MatchIndex.build(
        [
            supplier(
                1, "Entreprise d'insertion : entretien des espaces verts, tonte.", kinds=("EI",)
            ),
            supplier(2, "ESAT : nettoyage des locaux et des bureaux.", kinds=("ESAT",)),
            supplier(3, "Entreprise d'insertion : nettoyage des locaux.", kinds=("EI",)),
        ]
    )


def _two_lots():
    return tender(
        "Entretien des sites communaux",
        lots=(
            Lot("Entretien des espaces verts", "Tonte et taille des haies."),
            Lot(
                "Nettoyage des locaux",
                "Nettoyage des bureaux.",
                clauses=(Clause("reserved_disability"),),
            ),
        ),
    )


def test_a_reserved_lot_filters_only_itself():
    merged, lots = rank_with_lots(_index(), _two_lots())
    assert [lot.number for lot in lots] == [1, 2]
    assert [m.supplier_id for m in lots[1].matches] == [2]  # reserved to EA/ESAT
    assert lots[0].matches[0].supplier_id == 1 and lots[0].matches[0].relevant
    by_id = {m.supplier_id: m for m in merged}
    assert by_id[1].lots == (1,) and by_id[1].relevant  # an EI fits the open lot
    assert by_id[2].lots == (2,) and by_id[2].relevant
    assert "Lot 1" in render_all(by_id[1].reasons, "fr")
    assert not (3 in by_id and by_id[3].relevant)  # an EI does not fit the reserved lot


def test_a_tender_without_lots_is_unchanged():
    t = tender("Entretien des espaces verts")
    merged, lots = rank_with_lots(_index(), t)
    assert lots == [] and merged == rank(_index(), t)
    assert merged[0].lots == ()


def test_insertion_partners_are_listed_beside_the_shortlist():
    from procure.matching.engine import insertion_partners

    index = MatchIndex.build(
        [
            supplier(1, "Entretien des espaces verts, tonte.", legal_form="company"),
            supplier(2, "GEIQ propreté : mise à disposition de salariés.", kinds=("GEIQ",)),
            supplier(3, "ACI maraîchage : paniers de légumes.", ("30",), kinds=("ACI",)),
            supplier(4, "ACI : couture.", ("59",), kinds=("ACI",)),
        ]
    )
    t = tender("Entretien des espaces verts", clauses=(Clause("insertion", hours=800),))
    partners = insertion_partners(index, t)
    assert [m.supplier_id for m in partners] == [2, 3]  # département first, then région
    assert "GEIQ : peut porter les 800 heures d'insertion" in render_all(partners[0].reasons)
    assert insertion_partners(index, tender("Entretien des espaces verts")) == []
    shortlist = rank(index, t)
    assert shortlist[0].supplier_id == 1 and shortlist[0].relevant
