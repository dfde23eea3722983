"""Ecological practice vocabulary.

Two uses: (1) a supplier that *states a concrete practice* (electric vans, zero-pesticide
management, eco-labelled products, landfill diversion figures...) fits an environmental clause;
(2) sentences about such practices must not create trades ("livraisons en vélo-cargo" is not a
courier business), so trade detection gives them a low weight. Vague claims ("engagés pour la
planète", "éco-responsable") are deliberately absent: the labels reward concrete practice.
"""

from __future__ import annotations

import re

from procure.matching.text import normalise

# (normalised regex, French label shown in reasons)
ECO_PRACTICES: tuple[tuple[str, str], ...] = (
    (r"velos? cargos?|cargo bikes?|triporteurs?", "vélo-cargo"),
    (r"vehicules? (100 )?electriques?|utilitaires? electriques?|electric (vans?|vehicles?|fleet)"
     r"|flotte electrique|vehicules? gnv|bio ?gnv", "véhicules électriques ou au gaz"),
    (r"zero phyto|sans (produits? )?(phytosanitaires?|pesticides?)|pesticide free|no pesticides?"
     r"|gestion differenciee|differentiated management", "gestion sans pesticides"),
    (r"eco ?labels?|ecolabellis\w*|ecocert|nf environnement|ecolabelled|eco labelled"
     r"|produits? (ecologiques|biodegradables)|green cleaning products", "produits écolabellisés"),
    (r"iso 14001|\bemas\b|bilan carbone|empreinte carbone|carbon footprint|bilan ges",
     "bilan carbone"),
    (r"enfouissement|landfill|tonnes? (de objets |de dechets |de textiles |)?(detourne|reemploy|"
     r"recycl|valoris|collect|evit)\w*|tons? (diverted|recycled|reused)", "déchets détournés"),
    (r"compostage sur place|compost(ons|ed on site)|paillage|mulch(ing)?|broyat",
     "compostage et paillage"),
    (r"circuits? courts?|produits? locaux|approvisionnement local|short supply|locally sourced"
     r"|\bbio(logiques?)? et locaux", "circuits courts"),
    (r"\b(produits?|ingredients?|legumes?|repas) (bio|biologiques?)\b|\borganic (produce|food|"
     r"ingredients)", "produits bio"),
    (r"zero dechet|zero plastique|zero waste|plastic free|sans plastique|contenants? (reutilisables?"
     r"|consignes?|en verre)|reusable (containers?|packaging)", "zéro déchet"),
    (r"anti ?gaspillage|gaspillage alimentaire|food waste reduction|lutte contre le gaspillage",
     "lutte contre le gaspillage"),
    (r"materiaux (biosources?|de reemploi|recycles?)|bio ?based materials|reclaimed materials"
     r"|peintures? (ecologiques?|biosourcees?|a faible)|low voc|cartons? recycles?"
     r"|recycled (cardboard|paper|materials?)|papiers? recycles?|encres? vegetales?|vegetable"
     r" inks?|imprim\w* vert|\bfsc\b|\bpefc\b", "matériaux recyclés ou biosourcés"),
    (r"recuperation (de le )?eau de pluie|economies? de eau|lavage sans eau|waterless"
     r"|rainwater", "économies d'eau"),
    (r"energie renouvelable|electricite verte|panneaux solaires|renewable (energy|electricity)"
     r"|green electricity", "énergie renouvelable"),
    (r"eco ?conception|ecodesign|reparabilite|allongement de la duree de vie", "écoconception"),
)
_COMPILED = tuple((re.compile(rx), label) for rx, label in ECO_PRACTICES)
ECO_ROLE_RE = re.compile("|".join(f"(?:{rx})" for rx, _ in ECO_PRACTICES))


def eco_practices(text: str, normalised: bool = False) -> tuple[str, ...]:
    """Distinct ecological practices stated in a text, as French labels, in table order."""
    norm = text if normalised else normalise(text)
    return tuple(label for rx, label in _COMPILED if rx.search(norm))
