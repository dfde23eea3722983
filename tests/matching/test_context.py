"""Context is not the trade: frames, exclusions, procedure words, examples in parentheses,
the tender's area; and English buyers' own words. Texts in my own words (not the dev sets')."""

import pytest
from conftest import supplier, tender

from procure.matching.engine import MatchIndex, rank, supplier_trades, tender_trades
from procure.matching.trades import trade_evidence


def _tender_found(title: str, description: str = "") -> dict[str, float]:
    return {c: s for c, _l, s in tender_trades(tender(title, description=description))}


def test_insertion_framing_an_activity_asks_for_the_activity():
    """An insertion contract "au moyen de" / "ayant pour support" an activity asks for
    structures doing the activity; the insertion words are its frame, repeated lot by lot."""
    lots = "; ".join(
        f"Lot {i} : actions d'insertion professionnelle au moyen de prestations de {what}"
        for i, what in enumerate(("tonte et débroussaillage", "nettoyage de locaux"), 1)
    )
    found = _tender_found("Marché d'insertion ayant pour support l'entretien communal", lots)
    assert found.get("mediation_sociale", 0) < 0.5, found
    assert found.get("espaces_verts", 0) >= 0.6 and found.get("nettoyage_locaux", 0) >= 0.6
    kept = _tender_found("Accompagnement socioprofessionnel des allocataires du RSA")
    assert next(iter(kept)) == "mediation_sociale", kept  # no support word: the service itself


@pytest.mark.parametrize(
    "description, absent",
    [
        ("Collecte des cartons. Le réemploi des ordinateurs n'est pas l'objet du marché.",
         "reconditionnement_informatique"),
        ("Street sweeping of the town centre. Tree works are out of scope.", "elagage"),
        ("La présente consultation a pour objet l'entretien des pelouses du parc.", "recyclerie"),
    ],
)  # fmt: skip
def test_exclusions_and_procedure_words_create_no_trade(description, absent):
    found = _tender_found("", description)
    assert found and absent not in found, found


def test_examples_in_parentheses_are_objects_not_trades():
    """ "Démolition de petits bâtiments (garages, hangars)": garages are what is demolished."""
    found = {
        c: s
        for c, _l, s in supplier_trades(
            supplier(1, "Déconstruction sélective de petits bâtiments (garages, abris, préaux).")
        )
    }
    assert found.get("deconstruction") == 1.0 and found.get("garage", 0) < 0.5, found


def test_same_region_only_is_to_explore_not_relevant():
    """The exact trade in the tender's département is relevant; the same trade only in a
    neighbouring département of the région is listed after, "à explorer"."""
    index = MatchIndex.build(
        [
            supplier(1, "Entretien des espaces verts : tonte, taille de haies.", ("30",)),
            supplier(2, "Entretien des espaces verts : tonte, taille de haies.", ("34",)),
        ]
    )
    got = rank(index, tender("Tonte des pelouses communales", departments=("34",)))
    assert [(m.supplier_id, m.relevant) for m in got] == [(2, True), (1, False)]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Highway maintenance and pothole repairs", "travaux_publics"),
        ("Vehicle repairs for the council fleet", "garage"),
        ("Park maintenance and grass verges", "espaces_verts"),
        ("Furniture removals between council buildings", "demenagement"),
        ("Wayfinding signage for the new library", "signaletique"),
        ("Meal delivery service for housebound residents", "portage_repas"),
        ("Christmas food hampers for older residents", "maraichage"),
        ("Drylining and plasterboard partitions", "platrerie"),
        ("Manned guarding and key holding for the depot", "gardiennage"),
    ],
)
def test_english_buyers_words(title, expected):
    found = tender_trades(tender(title))
    assert found and found[0][0] == expected, found


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Framework agreement for the supply of goods to council depots.", "aires_jeux"),
        ("Framework agreement for the supply of goods to council depots.",
         "objets_promotionnels"),
        ("Épicerie solidaire : produits du commerce équitable.", "ecommerce_logistique"),
    ],
)  # fmt: skip
def test_false_friends_of_the_stemmer_create_no_trade(text, absent):
    """French stems that English words share ("agrès"/"agreement", "goodies"/"goods"), and
    "commerce" alone (not "e-commerce"), name no trade."""
    assert absent not in _tender_found("", text)


def test_e_commerce_is_still_read():
    assert next(iter(_tender_found("Logistique e-commerce pour la boutique en ligne"))) == (
        "ecommerce_logistique"
    )


def _offered(description: str) -> dict[str, float]:
    return {c: s for c, _l, s in supplier_trades(supplier(1, description))}


@pytest.mark.parametrize(
    "description, offered, not_offered",
    [
        # clients listed are whom the supplier serves
        ("Nettoyage de bureaux et de cabinets médicaux. Nos clients : mairies, restaurants "
         "scolaires, garages.", "nettoyage_locaux", ("restauration_collective", "garage")),
        # the premises' or the founder's past
        ("Blanchisserie installée dans les locaux d'une ancienne imprimerie.", "blanchisserie",
         ("impression",)),
        ("Founded by a former printer, we run an office cleaning company.", "nettoyage_locaux",
         ("impression",)),
        # training bodies teach the trade, software publishers equip it
        ("Organisme de formation aux métiers de la propreté et des espaces verts.", "formation",
         ("nettoyage_locaux", "espaces_verts")),
        ("Software publisher for catering companies: menu planning tools.",
         "informatique_services", ("traiteur", "restauration_collective")),
    ],
)  # fmt: skip
def test_suppliers_are_not_over_read(description, offered, not_offered):
    """Clients, premises, history and the subject of a training or a software are not trades
    offered strongly enough to be relevant (0.5)."""
    found = _offered(description)
    assert found.get(offered) == 1.0, found
    assert all(found.get(c, 0) < 0.5 for c in not_offered), found


def test_old_things_as_the_object_of_works_still_count():
    found = _tender_found("Rénovation de la salle", "Dépose des anciens revêtements et peinture.")
    assert found.get("peinture") == 1.0, found
    both = _offered("Formation et entretien des espaces verts.")
    assert both.get("espaces_verts") == 1.0, both  # coordinated: a second service


def test_taking_over_the_staff_is_not_the_trade():
    found = _tender_found(
        "Gardiennage du centre technique",
        "Surveillance du site la nuit et le week-end. Reprise du personnel en place : agents "
        "de propreté et jardiniers du prestataire sortant.",
    )
    assert next(iter(found)) == "gardiennage" and "espaces_verts" not in found, found


def test_e_commerce_is_quoted_in_the_supplier_words():
    quote, _weight = trade_evidence("Nous assurons la logistique e-commerce et le stockage.")[
        "ecommerce_logistique"
    ]
    assert quote == "logistique e-commerce"
