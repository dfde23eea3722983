"""Ecological practice vocabulary.

Two uses: (1) a supplier that *states a concrete practice* (electric vans, zero-pesticide
management, eco-labelled products, landfill diversion figures...) fits an environmental clause;
(2) sentences about such practices must not create trades ("livraisons en vélo-cargo" is not a
courier business), so trade detection gives them a low weight. Vague claims ("engagés pour la
planète", "éco-responsable") are deliberately absent: the labels reward concrete practice.
Patterns are normalised words (elisions expanded: "d'eau" is "de eau"), ``*`` = any ending.
"""

from __future__ import annotations

from procure.matching.cues import CueMatcher
from procure.matching.text import normalise

ECO_PRACTICES: dict[str, str] = {
    "vélo-cargo": "velo cargo; velos cargo; velo cargos; velos cargos; cargo bike*; triporteur*;"
    " vae cargo",
    "véhicules électriques ou bas carbone": "vehicule* electrique*; vehicule* 100 electrique*;"
    " utilitaire* electrique*; camion* electrique*; electric van*; electric vehicle*;"
    " electric fleet; electric truck*; flotte electrique; vehicule* gnv; biognv; bio gnv;"
    " biocarburant*; hvo; eco conduite; ecoconduite; eco driving",
    "gestion sans pesticides": "zero phyto; sans pesticide*; sans produit* phytosanitaire*;"
    " sans phytosanitaire*; pesticide free; no pesticide*; gestion differenciee;"
    " differentiated management; sans produits chimiques; no chemicals",
    "produits écolabellisés": "ecolabel*; eco label*; ecocert; nf environnement; produit*"
    " ecologique*; produit* biodegradable*; green cleaning product*; eco friendly product*;"
    " microfibre*; vapeur seche; sans phosphate*; phosphate free; lessive* ecologique*;"
    " eco friendly detergent*",
    "bilan carbone": "iso 14001; emas; bilan carbone; empreinte carbone; carbon footprint;"
    " bilan ges; bilan de gaz a effet de serre",
    "déchets détournés": "enfouissement; landfill; tonne* de objets; tonne* de dechets; tonne*"
    " detourne*; tonne* reemploye*; tonne* recycle*; tonne* valorise*; tonne* collecte*;"
    " tons diverted; tonnes diverted; tons recycled; tonnes recycled; taux de valorisation;"
    " taux de reemploi",
    "compostage et paillage": "compostage sur place; compostons; composted on site; paillage;"
    " mulch*; broyat*",
    "circuits courts": "circuit court; circuits courts; produit* locaux; approvisionnement local;"
    " short supply; locally sourced; bio et locaux; biologiques et locaux",
    "produits bio": "produit* bio; produit* biologique*; ingredient* bio; legume* bio; repas bio;"
    " organic produce; organic food; organic ingredients; label bio",
    "zéro déchet": "zero dechet; zero plastique; zero waste; plastic free; sans plastique;"
    " contenant* reutilisable*; contenant* consigne*; contenant* en verre; reusable"
    " container*; reusable packaging; caisse* reutilisable*; emballage* reutilisable*;"
    " vaisselle reutilisable",
    "lutte contre le gaspillage": "anti gaspillage; antigaspillage; gaspillage alimentaire;"
    " food waste reduction; lutte contre le gaspillage",
    "matériaux recyclés ou biosourcés": "materiau* biosource*; materiau* de reemploi; materiau*"
    " recycle*; bio based material*; biobased material*; reclaimed material*; peinture*"
    " ecologique*; peinture* biosourcee*; low voc; carton* recycle*; recycled cardboard;"
    " recycled paper; recycled material*; papier* recycle*; encre* vegetale*; vegetable ink*;"
    " imprim* vert; fsc; pefc; en materiel reconditionne; en materiel informatique"
    " reconditionne; recyclage certifie; impression limitee",
    "économies d'eau": "eau de pluie; economie* de eau; lavage sans eau; waterless; rainwater;"
    " eau recyclee; eau de rincage recyclee; recyclage de le eau; recyclage des eaux; water"
    " recycling; recycled water",
    "énergie renouvelable": "energie* renouvelable*; electricite verte; panneau* solaire*;"
    " renewable energy; renewable electricity; green electricity",
    "écoconception": "eco conception; ecoconception; ecodesign; eco design; reparabilite;"
    " allongement de la duree de vie; cycle de vie",
}
ECO_ORDER = {label: i for i, label in enumerate(ECO_PRACTICES)}
ECO_MATCHER = CueMatcher(
    (p.strip(), label) for label, raw in ECO_PRACTICES.items() for p in raw.split(";")
)


def eco_practices(text: str, normalised: bool = False) -> tuple[str, ...]:
    """Distinct ecological practices stated in a text, as French labels, in table order."""
    norm = text if normalised else normalise(text)
    found = set(ECO_MATCHER.find(norm.split()))
    return tuple(sorted(found, key=ECO_ORDER.__getitem__))  # type: ignore[arg-type]
