"""Reasons a buyer can check: every trade claim quotes the supplier's own words; reasons and
trade labels in French and English; "nothing relevant" when nobody does the trade."""

import re
import sys

import pytest
from conftest import REPO, supplier, tender

from procure.matching.engine import MatchIndex, rank, tender_trade_quotes
from procure.matching.reasons import nothing_relevant, render_all
from procure.matching.trades import all_trades, trade_evidence, trade_label

sys.path.insert(0, str(REPO / "scripts"))
from eval_dev import load_suppliers, load_tenders


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.mark.parametrize("name", ["dev", "dev2"])
def test_every_quoted_phrase_is_in_the_supplier_description(shared_dir, name):
    base = shared_dir / "eval" / name
    if not (base / "tenders.json").exists():
        pytest.skip(f"no {base}")
    docs = {d.id: d for d in load_suppliers(base / "suppliers.csv")}
    index = MatchIndex.build(docs.values())
    checked = 0
    for t in load_tenders(base / "tenders.json"):
        for m in rank(index, t, limit=20):
            description = _flat(docs[m.supplier_id].description)
            for reason in m.reasons:
                if reason.code in ("trade", "related_trade"):
                    quote = reason.params["quote"]
                    assert quote and _flat(quote) in description, (t.reference, m.name, quote)
                    checked += 1
    assert checked > 100


def test_a_trade_read_only_in_a_side_sentence_is_not_quoted():
    text = "Restauration collective pour les écoles. Nous ne faisons pas de nettoyage, exclu."
    found = trade_evidence(text)
    assert found["restauration_collective"][0] == "Restauration collective"
    assert "nettoyage_locaux" not in found


def test_tender_side_quotes_the_words_the_trade_was_read_in():
    t = tender("Marché de services n° 12", "Tonte des pelouses et taille des haies du parc.")
    assert tender_trade_quotes(t)["espaces_verts"] in t.description


def test_reasons_render_in_french_and_english():
    index = MatchIndex.build([supplier(1, "ESAT : tonte des pelouses et taille de haies.")])
    first = rank(index, tender("Entretien des espaces verts"))[0]
    assert render_all(first.reasons, "fr") == [
        "Intervient dans l'Hérault (34)",
        "Fait ce métier : entretien des espaces verts — « tonte des pelouses »",
    ]
    assert render_all(first.reasons, "en") == [
        "Works in Hérault (34)",
        "Does this trade: grounds maintenance — “tonte des pelouses”",
    ]
    assert first.relevant is True


def test_every_trade_has_both_labels():
    fr = dict(all_trades("fr"))
    en = dict(all_trades("en"))
    assert fr.keys() == en.keys()
    assert trade_label("espaces_verts", "en") == "Grounds maintenance"
    assert all(fr[c] and en[c] for c in fr)


def test_nobody_doing_the_trade_means_nothing_relevant():
    index = MatchIndex.build(
        [
            supplier(1, "Entretien des espaces verts et tonte.", ("34",)),
            supplier(2, "Hydrocurage et inspection télévisée des réseaux.", ("13",)),
        ]
    )
    got = rank(index, tender("Curage des réseaux d'assainissement", departments=("34",)))
    assert got and not any(m.relevant for m in got)
    assert nothing_relevant() == "Aucune structure du registre ne fait ce métier dans cette zone"
