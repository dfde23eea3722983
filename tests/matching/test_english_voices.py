"""English buyers' and suppliers' wording: verb forms, places after English prepositions, and
French words read in English text only as written."""

from procure.matching.trades import detect_trades


def test_verb_forms_do_not_name_trades():
    found = detect_trades(
        "The contractor picks up the printed documents and handles the franking and posting."
    )
    assert "impression" not in found
    assert "ecommerce_logistique" not in found
    assert found.get("logistique", 0.0) < 0.3
    assert "routage_courrier" in found


def test_the_clause_facilitator_is_no_facilitation():
    found = detect_trades(
        "Weekly laundering of staff workwear and towels for the sports centres. "
        "A facilitator supports the contractor with the social clause."
    )
    assert "blanchisserie" in found and "animation" not in found


def test_places_after_english_prepositions_and_lists_count_little():
    found = detect_trades(
        "Laundering of bibs, sheets and tea towels from the town's nurseries and school canteens."
    )
    assert found["blanchisserie"] > 3 * max(
        found.get("petite_enfance", 0.01), found.get("restauration_collective", 0.01)
    )
    waste = detect_trades("Collection of food waste from school kitchens and dining halls.")
    assert waste["biodechets"] > 2 * waste.get("restauration_collective", 0.01)


def test_french_words_in_english_text_count_only_as_written():
    verges = detect_trades("Mowing of the roadside verges along the roads, twice a year.")
    assert "amenagement_paysager" not in verges  # "verges" is no "verger" (orchard)
    assert "espaces_verts" in verges
    # a French trade word written as such still counts in an English description
    assert "blanchisserie" in detect_trades("Our ESAT runs a blanchisserie for care homes.")


def test_common_english_procurement_wording():
    calls = detect_trades("Operation of the freephone line: answering residents' calls.")
    assert max(calls, key=calls.get) == "centre_appels"
    sewers = detect_trades("CCTV inspection of foul sewers preceded by high pressure jetting.")
    assert max(sewers, key=sewers.get) == "assainissement"
    assert "travaux_publics" not in sewers


def test_a_status_before_a_colon_heads_the_trades_after_it():
    """ "Entreprise d'insertion du bâtiment : peinture..." names the trades as plainly as a
    sentence without the status; a status inside the sentence still weakens it."""
    headed = detect_trades(
        "Entreprise d'insertion du bâtiment : peinture intérieure, sols souples."
    )
    plain = detect_trades("Peinture intérieure, sols souples.")
    assert headed["peinture"] == plain["peinture"]
    english = detect_trades("Adapted company: flat linen rental and laundering.")
    assert (
        english["blanchisserie"]
        == detect_trades("Flat linen rental and laundering.")["blanchisserie"]
    )
    mixed = detect_trades("Peinture intérieure par notre entreprise d'insertion.")
    assert mixed["peinture"] < plain["peinture"]
