"""Trade detection: the words of the field, and sentences that must not create trades."""

from procure.matching.trades import all_trades, detect_trades, trade_label


def top(text, cpv=(), title=""):
    found = detect_trades(text, cpv, title)
    return max(found, key=found.get) if found else None


def test_taxonomy_size_and_labels():
    assert 40 <= len(all_trades()) <= 70
    assert trade_label("espaces_verts") == "Entretien des espaces verts"
    assert trade_label("unknown") == "unknown"


def test_green_space_vocabulary():
    text = "Nous assurons la tonte, la taille de haies et le débroussaillage."
    assert top(text) == "espaces_verts"
    assert top("Lawn mowing and hedge trimming for housing estates.") == "espaces_verts"
    assert top("Élagage et abattage d'arbres par des arboristes grimpeurs.") == "elagage"


def test_restauration_is_disambiguated():
    assert (
        top("Restauration collective : confection de repas pour les cantines.")
        == "restauration_collective"
    )
    heritage = detect_trades("Restauration du patrimoine bâti, murs en pierre sèche et chaux.")
    assert "patrimoine" in heritage and "restauration_collective" not in heritage
    furniture = detect_trades("Restauration de meubles anciens et relooking.")
    assert "restauration_collective" not in furniture


def test_incidental_sentences_are_weak():
    found = detect_trades(
        "Blanchisserie industrielle pour les hôpitaux. Nos livraisons se font en vélo-cargo."
    )
    assert found["blanchisserie"] > 3 * found.get("coursier", 0.01)
    status = detect_trades(
        "Entreprise d'insertion, nous accompagnons des demandeurs d'emploi. "
        "Nettoyage de bureaux et de parties communes."
    )
    assert max(status, key=status.get) == "nettoyage_locaux"


def test_exclusions_do_not_create_trades():
    found = detect_trades("Nettoyage des locaux. La vitrerie fait l'objet d'un marché distinct.")
    assert "vitrerie" not in found


def test_client_places_are_not_services():
    found = detect_trades("", title="Lavage du linge des crèches et des restaurants scolaires")
    assert max(found, key=found.get) == "blanchisserie"
    assert found.get("petite_enfance", 0) < 0.5 * found["blanchisserie"]


def test_french_false_friends_in_english_phrases():
    found = detect_trades("Remise en propreté des logements avant relocation.")
    assert "demenagement" not in found


def test_cpv_codes_are_evidence():
    assert top("", cpv=["77310000-6"]) == "espaces_verts"
    assert "restauration_collective" in detect_trades("", ["55523100"])
