"""Hand-written tenders and suppliers in words of my own (not the dev set's).

Each case: the supplier a facilitator would call first must come first, and the lexical decoys
(same words, another trade; right trade far away) must rank below the right trades nearby.
"""

import pytest
from conftest import supplier, tender

from procure.matching.engine import MatchIndex, rank
from procure.matching.types import Clause

SUPPLIERS = [
    supplier(
        1,
        "Nos jardiniers tondent les pelouses, taillent les haies et désherbent à la main "
        "les massifs des résidences.",
        ("69",),
        kinds=("ACI",),
    ),
    supplier(
        2,
        "Arboristes grimpeurs : élagage, abattage délicat et dessouchage.",
        ("69", "01"),
        kinds=("EI",),
    ),
    supplier(
        3,
        "Cuisine centrale : 1 500 repas par jour pour les écoles et les crèches, liaison chaude.",
        ("69",),
        kinds=("ESAT",),
    ),
    supplier(
        4, "Taille de pierre et restauration du petit patrimoine rural.", ("69",), kinds=("ACI",)
    ),
    supplier(
        5,
        "We refurbish laptops and desktops donated by companies, with certified data "
        "erasure, and resell them to schools.",
        ("69", "42"),
        kinds=("EA",),
    ),
    supplier(
        6,
        "Collecte des cartons, papiers et emballages dans les entreprises, tri et recyclage.",
        ("42",),
        kinds=("EI",),
    ),
    supplier(
        7,
        "Atelier de couture : retouches, confection de tabliers et de vêtements de "
        "travail, broderie de logos.",
        ("69",),
        legal_form="scop",
    ),
    supplier(
        8,
        "Blanchisserie : lavage et repassage du linge des maisons de retraite, collecte "
        "en camion électrique.",
        ("69",),
        kinds=("EA",),
    ),
    supplier(
        9,
        "Déménagement de bureaux, transfert d'archives et manutention de mobilier.",
        ("69",),
        kinds=("ETTI",),
    ),
    supplier(
        10,
        "Mowing, hedge trimming and leaf clearance for social landlords.",
        ("13",),
        legal_form="company",
    ),
    supplier(
        11,
        "Plateforme téléphonique : prise de rendez-vous, accueil téléphonique et "
        "permanence pour les collectivités.",
        ("69",),
        kinds=("EA",),
    ),
    supplier(
        12,
        "Traiteur solidaire : buffets, cocktails et plateaux-repas pour vos réunions.",
        ("69",),
        legal_form="association",
    ),
]

CASES = [
    ("Tonte, débroussaillage et taille des haies des parcs", (), 1, (4, 10)),
    ("Soins aux arbres d'alignement : élagage et abattage", (), 2, (4,)),
    ("Fourniture de repas pour la restauration scolaire", (), 3, (4, 12)),
    ("Reprise et reconditionnement des ordinateurs réformés", (), 5, (6,)),
    ("Confection de vêtements de travail", (), 7, (8,)),
    ("Entretien du linge des résidents", (Clause("reserved_disability"),), 8, (7,)),
    ("Transfert des services et des archives vers le nouvel hôtel de ville", (), 9, ()),
    ("Accueil téléphonique du service des eaux", (Clause("social_criterion", weight=10),), 11, ()),
    ("Cocktail d'inauguration de la médiathèque", (), 12, (3,)),
]


@pytest.mark.parametrize("title, clauses, best, decoys", CASES)
def test_own_words(title, clauses, best, decoys):
    index = MatchIndex.build(SUPPLIERS)
    got = [m.supplier_id for m in rank(index, tender(title, departments=("69",), clauses=clauses))]
    assert got[0] == best, got
    for decoy in decoys:
        assert decoy not in got[:1] and (decoy not in got or got.index(decoy) > got.index(best))
