"""The trade taxonomy: what SSE and insertion structures actually sell to public buyers.

Written from field knowledge of the sector (SIAE, ESAT/EA, régies de quartier, ressourceries,
coopératives), not from any evaluation text. Each trade lists the CPV prefixes it covers and the
words buyers and suppliers use, in French and English. Phrase syntax, ';'-separated:
``phrase`` weight 1; ``phrase|0.4`` a weaker or ambiguous cue; ``@phrase`` a place or client
word that also names a trade ("restaurant scolaire", "crèche"): it counts little when it comes
after a preposition ("linge des crèches", "biodéchets des restaurants"); ``~phrase`` an
ambiguous head that is ignored when a preposition follows it, because it then names an action
on an object ("restauration de la chapelle", not catering).
Ambiguity is solved by the longest phrase winning at a position: "restauration du patrimoine"
beats the catering cue "restauration", "nettoyage du linge" beats "nettoyage".
Families: the first one is the trade's own; a supplier of a trade with the same first family is
a partial ("related service") match. Further families only mark kinship for the rule that
discounts a second trade named as a complement ("linge des crèches").
"""

from __future__ import annotations

from typing import NamedTuple


class TradeSpec(NamedTuple):
    code: str
    label_fr: str
    label_en: str
    families: tuple[str, ...]
    cpv: str
    fr: str
    en: str


T = TradeSpec

# fmt: off
TRADES: tuple[TradeSpec, ...] = (
    # --- green spaces and nature
    T("espaces_verts", "Entretien des espaces verts", "Grounds maintenance", ("green",),
      "77310 77311 77312 77313 77314 77320 77300",
      "espaces verts; espace vert; entretien des espaces verts; tonte; tondre; tonte des pelouses;"
      " pelouses; gazon; debroussaillage; debroussailler; fauchage; fauche; taille de haies;"
      " taille des haies; haies; desherbage; desherbage manuel; massifs de fleurs; massifs"
      " fleuris; massifs arbustifs; entretien des massifs; fleurissement;"
      " paysagiste; jardinier; jardiniers; jardinage; entretien de jardins; parcs et jardins;"
      " ramassage des feuilles; feuilles mortes; souffleur; entretien des cimetieres;"
      " gestion differenciee|0.5; terrains de sport|0.4; entretien paysager; ev|0.3; terrains de"
      " football; terrains de rugby; stades|0.5; entretien des stades; pelouses sportives",
      "grounds maintenance; green spaces; grounds; gardening; gardener; gardeners; lawn mowing;"
      " mowing; grass cutting; hedge trimming; hedge cutting; hedges; weeding; landscape"
      " maintenance; parks and gardens; leaf clearance; flower beds; groundskeeping;"
      " park maintenance; parks maintenance; grass verges; verge cutting; verge maintenance"),
    T("amenagement_paysager", "Aménagement paysager et jardins", "Landscaping works",
      ("green",), "45112710 45112700 03450000 03451000",
      "amenagement paysager; amenagements paysagers; creation de jardins; creation d espaces"
      " verts; plantations; plantation; potager; potagers; jardin partage; jardins partages;"
      " verger; vergers; jardin pedagogique; engazonnement; travaux paysagers; vegetalisation;"
      " cours oasis; mur vegetal; arrosage automatique|0.6; paillage|0.5; pose de clotures;"
      " clotures|0.4; portails|0.3",
      "landscaping; landscape works; garden design; planting; vegetable garden; orchard;"
      " community garden; school garden; greening"),
    T("aires_jeux", "Aires de jeux et équipements sportifs extérieurs",
      "Playgrounds and outdoor sports equipment", ("green", "building"),
      "37535200 50870000 45112723 45236210 37400000",
      "aires de jeux; aire de jeux; jeux d enfants; jeux pour enfants; jeux exterieurs;"
      " structures de jeux; equipements ludiques; sols amortissants; sols souples|0.4;"
      " city stade; city stades; plateaux sportifs|0.7; plateaux multisports; terrains"
      " multisports; equipements sportifs|0.5; agres; toboggans; balancoires; jeux|0.3;"
      " skatepark; parcours sportif; parcours de sante",
      "playground; playgrounds; play equipment; play area; play areas; safety surfacing;"
      " outdoor fitness; multi sport court; multi use games area; climbing frames; swings|0.5"),
    T("elagage", "Élagage et soins aux arbres", "Tree surgery", ("green",),
      "77211400 77211500 77340000 77341000 77342000",
      "elagage; elaguer; elagueur; abattage; abattage d arbres; arboriste; arboristes; grimpeur;"
      " taille des arbres; taille d arbres; taille douce; soins aux arbres; dessouchage;"
      " rognage de souches; diagnostic phytosanitaire; patrimoine arbore; arbres d alignement;"
      " haubanage; arbres|0.5",
      "tree surgery; tree surgeon; arborist; arborists; tree pruning; tree felling; tree care;"
      " stump grinding; tree work; trees|0.5"),
    T("travaux_forestiers", "Travaux forestiers et bois de chauffage", "Forestry and firewood",
      ("green",), "77200000 77210000 77211000 77230000 03413000 03410000",
      "travaux forestiers; bois de chauffage; buches; bucheronnage; bucheron; bucherons;"
      " exploitation forestiere; sylviculture; debardage; plaquettes forestieres; bois energie;"
      " entretien forestier; coupe de bois; fendage",
      "forestry; forestry work; firewood; logs|0.5; logging; woodland management; woodcutting"),
    T("milieux_naturels", "Entretien des milieux naturels", "Natural areas management",
      ("green",), "90720000 77312000 45246000",
      "milieux naturels; espaces naturels; entretien des berges; berges; cours d eau; rivieres;"
      " restauration ecologique; genie ecologique; especes invasives; especes exotiques"
      " envahissantes; sentiers; entretien des sentiers; zones humides; chantiers nature;"
      " ripisylve; pastoralisme|0.5; clotures|0.4",
      "natural areas; riverbanks; river maintenance; footpath maintenance; trail maintenance;"
      " invasive species; habitat restoration; wetlands; conservation work"),
    T("maraichage", "Maraîchage et alimentation locale", "Market gardening and local food",
      ("food", "green"), "03200000 03220000 03221000 15300000 15800000 03000000 15000000",
      "maraichage; maraicher; maraichers; legumes; fruits et legumes; legumes bio; paniers de"
      " legumes; paniers; jardin de cocagne; agriculture biologique; exploitation agricole;"
      " production agricole; denrees alimentaires; produits alimentaires; legumerie;"
      " conserverie; epicerie solidaire; apiculture; miel; colis gourmands; colis gourmand;"
      " paniers garnis; panier garni; coffrets gourmands; coffret gourmand; produits du terroir;"
      " produits locaux|0.6; epicerie fine; colis alimentaires|0.6",
      "market gardening; vegetables; organic vegetables; vegetable boxes; farm produce; fresh"
      " produce; food supply; local food; grocery; beekeeping; honey; food hampers; hampers;"
      " gift hampers; local produce; food parcels|0.6"),
    # --- cleaning
    T("nettoyage_locaux", "Nettoyage et entretien de locaux", "Cleaning of premises",
      ("cleaning",), "90910000 90911000 90911100 90911200 90919000 90919200 90919300",
      "nettoyage|0.6; nettoyage des locaux; nettoyage de locaux; entretien des locaux;"
      " entretien de locaux; proprete|0.7; menage; entretien menager; agent d entretien;"
      " agents d entretien; agents de proprete; lavage des sols; sols|0.3; sanitaires|0.5;"
      " depoussierage; bionettoyage; vidage des corbeilles; parties communes; remise en proprete;"
      " nettoyage de fin de chantier; nettoyage de bureaux; nettoyage apres travaux;"
      " nettoyage apres sinistre; degraissage; detartrage; decapage|0.7; remise en etat de"
      " logements|0.5; nettoyage complet; autolaveuse; produits d entretien|0.4",
      "cleaning|0.6; office cleaning; commercial cleaning; janitorial; cleaning services;"
      " housekeeping; floor cleaning; washrooms|0.5; cleaners; caretaking; deep cleaning"),
    T("vitrerie", "Nettoyage de vitres et façades", "Window and facade cleaning",
      ("cleaning",), "90911300",
      "vitrerie; vitres; nettoyage des vitres; nettoyage de vitres; lavage des vitres; lavage de"
      " vitres; laveur de vitres; laveurs de vitres; baies vitrees; facades vitrees; surfaces"
      " vitrees; vitrages; verrieres; nettoyage des facades; lavage des facades; cordiste;"
      " cordistes; nacelle|0.5; travaux en hauteur|0.5",
      "window cleaning; window cleaner; window cleaners; glass cleaning; facade cleaning;"
      " glazing cleaning; rope access; windows"),
    T("proprete_urbaine", "Propreté urbaine", "Street cleaning", ("cleaning", "waste"),
      "90610000 90611000 90612000 90620000 90630000 90690000",
      "proprete urbaine; nettoiement; balayage; balayage des rues; balayage manuel; ramassage"
      " des dechets sauvages; depots sauvages; enlevement des tags; tags; graffitis; affichage"
      " sauvage; corbeilles de rue; dejections; nettoyage des plages; espaces publics|0.4;"
      " voirie|0.4; ramassage des papiers; deneigement; salage; viabilite hivernale",
      "street cleaning; street sweeping; litter picking; litter; graffiti removal; graffiti;"
      " fly tipping;"
      " beach cleaning"),
    T("hygiene_3d", "Dératisation, désinsectisation, désinfection", "Pest control",
      ("cleaning",), "90921000 90922000 90923000 90924000",
      "deratisation; desinsectisation; desinfection; nuisibles; punaises de lit; 3d|0.5;"
      " hygiene 3d",
      "pest control; disinfection; rodent control; bed bugs; pests; pest management; rat"
      " control; insect control; deratting; disinsection; vermin; sanitisation|0.5"),
    T("nettoyage_vehicules", "Lavage et préparation de véhicules", "Vehicle cleaning",
      ("vehicles", "cleaning"), "50112300",
      "lavage de vehicules; lavage des vehicules; nettoyage de vehicules; nettoyage des"
      " vehicules; lavage automobile; lavage auto; station de lavage; lavage sans eau;"
      " preparation de vehicules; preparation des vehicules; preparation esthetique; nettoyage"
      " interieur; vehicules de service|0.5; vehicules de pool|0.5; flotte de vehicules|0.5",
      "car wash; car washing; vehicle cleaning; car valeting; valeting; fleet cleaning;"
      " waterless car wash; vehicle preparation;"
      " fleet washing; vehicle washing; van washing"),
    # --- waste, reuse and the circular economy
    T("collecte_dechets", "Collecte et évacuation des déchets", "Waste collection",
      ("waste",), "90500000 90510000 90511000 90512000 90513000 90533000",
      "collecte des dechets; collecte de dechets; dechets|0.6; gestion des dechets; ordures"
      " menageres; enlevement des dechets; evacuation des dechets; benne; bennes; dechets"
      " d activite; dechets industriels banals; dib; decheterie; dechetterie; encombrants;"
      " collecte des encombrants; rotation des bacs; bacs|0.4; conteneurs|0.4; collecte|0.4",
      "waste collection; waste management; refuse collection; waste removal; waste|0.6; bulky"
      " waste; skips; bins|0.4; rubbish"),
    T("tri_recyclage", "Tri et recyclage (papiers, emballages)", "Sorting and recycling",
      ("waste",), "90514000 90512000",
      "tri selectif; tri des dechets; tri|0.6; recyclage; recycler|0.6; papiers de bureau;"
      " collecte du papier; collecte des papiers; papiers|0.4; cartons|0.5; emballages|0.5;"
      " centre de tri; valorisation matiere; gobelets|0.5; canettes|0.5; bouchons|0.4;"
      " destruction de documents; destruction d archives; broyage de documents",
      "recycling; paper recycling; sorting; sorting centre; recyclables; packaging|0.5;"
      " cardboard|0.5; document shredding; confidential waste"),
    T("biodechets", "Biodéchets et compostage", "Food waste and composting", ("waste",),
      "90513000 90514000",
      "biodechets; biodechet; dechets organiques; dechets alimentaires; compostage; compost;"
      " composteurs; composteur; lombricompostage; methanisation; restes de repas; epluchures;"
      " dechets verts|0.5; valorisation organique; plateformes de compostage",
      "food waste; organic waste; composting; compost; biowaste; kitchen waste; anaerobic"
      " digestion"),
    T("deee", "Collecte et traitement des DEEE", "E-waste (WEEE)", ("waste", "reuse"),
      "90500000",
      "deee; d3e; dechets d equipements electriques et electroniques; equipements electriques"
      " et electroniques; appareils electriques; e dechets; demantelement; depollution;"
      " electromenager; cartouches"
      " d encre|0.6; piles|0.4",
      "weee; e waste; ewaste; electronic waste; electrical waste; dismantling; end of life"
      " electronics"),
    T("textile_collecte", "Collecte, tri et réemploi des textiles", "Textile collection and reuse",
      ("waste", "reuse", "textile"), "19000000 98392100",
      "collecte de textiles; collecte des textiles; textiles usages; tlc; bornes textiles;"
      " conteneurs textiles; tri textile; tri des textiles; vetements usages; vetements de"
      " seconde main; friperie; fripes; vestiaire solidaire; dons de vetements; textiles|0.4",
      "textile collection; used clothing; clothing banks; second hand clothing; charity shop;"
      " thrift shop; clothes sorting; textile recycling;"
      " clothing collection; clothes collection; textile banks"),
    T("recyclerie", "Ressourcerie, recyclerie", "Reuse centre", ("reuse", "waste"), "",
      "ressourcerie; recyclerie; reemploi|0.7; seconde main|0.6; seconde vie|0.5; boutique"
      " solidaire; collecte d objets; objets|0.3; debarras; vide maison; valorisation d objets;"
      " dons d objets; reparation d objets; repair cafe",
      "reuse centre; reuse|0.7; second hand shop; upcycling|0.6; house clearance; repair cafe;"
      " donated goods;"
      " second hand goods; second hand; preloved goods"),
    T("mobilier_reemploi", "Mobilier de réemploi et rénovation de meubles", "Reused furniture",
      ("reuse", "wood"), "39100000 39110000 39130000 39150000 39160000",
      "mobilier de reemploi; mobilier reconditionne; mobilier de seconde main; mobilier|0.6;"
      " meuble|0.6; renovation de mobilier; restauration de meubles; relooking de meubles;"
      " relooking; mobilier en palettes; palettes|0.4; mobilier de bureau; tapissier;"
      " refection de sieges; mobilier scolaire; ameublement",
      "reused furniture; refurbished furniture; second hand furniture; reclaimed furniture;"
      " furniture|0.6; office furniture; furniture restoration; upholstery"),
    T("reconditionnement_informatique", "Reconditionnement informatique", "IT refurbishment",
      ("reuse", "it"), "30213000 30200000 30230000 30210000 50312000 32250000",
      "reconditionnement informatique; materiel informatique; ordinateurs; ordinateur;"
      " ordinateurs reconditionnes; ordinateurs portables; pc; postes informatiques; parc"
      " informatique; effacement des donnees; effacement securise; smartphones; telephones"
      " reconditionnes; tablettes; materiel reforme|0.6; reconditionnement|0.6;"
      " inclusion numerique|0.4; reparation informatique",
      "it refurbishment; refurbished computers; refurbished laptops; computers; laptops;"
      " computer refurbishment; data wiping; data erasure; it equipment; it asset disposal;"
      " pcs; refurbishment|0.5; decommissioned it|0.8; smartphones"),
    T("velos", "Vélos : réparation, location, vélo-école", "Bicycles", ("mobility",),
      "34430000",
      "atelier velo; ateliers velo; reparation de velos; reparation velo; entretien de velos;"
      " velos d occasion; location de velos; flotte de velos; velo ecole; ~cycles|0.3; velo|0.5;"
      " trottinettes|0.5; mecanique cycle",
      "bicycle repair; bike repair; bike workshop; cycle repair; bicycles; bikes|0.5;"
      " bike hire; cycling school;"
      " cycle hire; bicycle hire; cycle maintenance"),
    # --- food
    T("restauration_collective", "Restauration collective", "Institutional catering",
      ("food",),
      "55300000 55320000 55321000 55322000 55500000 55510000 55511000 55512000 55523000"
      " 55524000 55520000",
      "restauration collective; restauration scolaire; ~restauration|0.3; cantine; cantines;"
      " cuisine centrale; repas; liaison froide; liaison chaude; self|0.3; self service;"
      " refectoire; fabrication de repas; confection de repas; preparation de repas;"
      " production de repas; @restaurant scolaire; @restaurant d entreprise; @restaurant"
      " administratif; @restaurant|0.5;"
      " dejeuners|0.5; menus|0.5; cuisiniers|0.6; cuisine|0.5; restauration des agents;"
      " restauration du personnel; restauration des eleves; restauration des enfants;"
      " restauration des residents; restauration des patients; restauration des usagers;"
      " restauration des convives; restauration des salaries; restauration des seniors",
      "institutional catering; school catering; school meals; canteen; canteens; meals;"
      " central kitchen; catering|0.5; cook chill; staff restaurant"),
    T("traiteur", "Traiteur et réceptions", "Event catering", ("food", "events"), "55520000",
      "traiteur; cocktail; cocktails; buffet; buffets; plateaux repas; pause cafe; pauses"
      " cafe; lunch; petit dejeuner; petits dejeuners; vin d honneur; cocktail"
      " dinatoire; prestation traiteur; mignardises; pieces cocktail",
      "catering; caterer; event catering; buffet; buffets; finger food; canapes; coffee"
      " breaks; packed lunches; receptions|0.6; lunches"),
    T("portage_repas", "Portage de repas à domicile", "Meals on wheels", ("food", "care"),
      "55521000 55521100",
      "portage de repas; repas a domicile; livraison de repas a domicile; portage a domicile;"
      " personnes agees|0.3; beneficiaires|0.2",
      "meals on wheels; home meal delivery; home delivered meals; meals delivered; meal"
      " delivery service; delivered meals; community meals; hot meals delivered"),
    # --- textile
    T("blanchisserie", "Blanchisserie et entretien du linge", "Laundry", ("textile",),
      "98310000 98311000 98312000 98315000",
      "blanchisserie; lavage du linge; entretien du linge; nettoyage du linge; traitement du"
      " linge; linge; pressing; repassage; linge plat; linge hotelier; location entretien du"
      " linge; location entretien des vetements; rabc; linge de lit; draps; lavage des"
      " vetements|0.8; entretien des vetements|0.8",
      "laundry; laundry services; linen; dry cleaning; ironing; workwear laundering; bed linen"),
    T("couture", "Couture, confection et retouches", "Sewing and garment making", ("textile",),
      "18000000 18100000 18110000 18200000 39500000 19000000",
      "couture; confection|0.7; retouches; atelier couture; broderie; marquage textile; tenues"
      " de travail|0.6; vetements de travail|0.5; uniformes; sacs en tissu; tissus; textile|0.4;"
      " upcycling textile; confection textile; costumes",
      "sewing; tailoring; garment making; alterations; embroidery; workwear|0.6; uniforms;"
      " textile|0.4; dressmaking"),
    # --- building
    T("peinture", "Peinture et revêtements", "Painting and decorating", ("building",),
      "45442000 45440000 45430000 45432000 45431000",
      "peinture; peintures; peintre; travaux de peinture; mise en peinture; revetements de sols;"
      " revetements muraux; revetements; papier peint; sols souples|0.5; enduits|0.6; lessivage des"
      " murs; ravalement",
      "painting; decorating; painter; painters; wall coverings; floor coverings; repainting"),
    T("platrerie", "Plâtrerie, cloisons, isolation", "Plastering and interior fit-out",
      ("building",), "45410000 45320000 45321000 45421146 45400000 45431000",
      "platrerie; plaquiste; plaques de platre; placo; cloisons; doublage; faux plafonds;"
      " isolation; isolation thermique; second oeuvre; renovation interieure; rehabilitation"
      " interieure; carrelage; faience; renovation|0.5; rehabilitation|0.4; travaux|0.2",
      "plastering; drywall; partitions; suspended ceilings; insulation; interior renovation;"
      " fit out; tiling; renovation|0.5; refurbishment works;"
      " drylining; dry lining; plasterboard"),
    T("maconnerie", "Maçonnerie et gros œuvre", "Masonry and structural works", ("building",),
      "45262500 45210000 45223000 45262000 45111200",
      "maconnerie; macon; macons; gros oeuvre; beton; dalle; dallage; murets|0.6; chape;"
      " construction|0.4; extension|0.4; terrassement|0.5",
      "masonry; bricklaying; bricklayer; stonework|0.6; concrete; structural works;"
      " groundworks"),
    T("patrimoine", "Restauration du patrimoine bâti", "Heritage restoration",
      ("building",), "45212350 45453100 45262520",
      "restauration du patrimoine; restauration de patrimoine; patrimoine bati; petit"
      " patrimoine; patrimoine rural; monuments historiques; pierre seche; murs en pierre seche;"
      " chaux; enduits a la chaux; taille de pierre; tailleur de pierre; restauration de"
      " batiments anciens; lavoirs; chapelles; calades; restauration de murs",
      "heritage restoration; historic buildings; dry stone walling; dry stone walls; lime"
      " mortar; stone masonry restoration; listed buildings;"
      " stone restoration; conservation of historic buildings; stonemasonry"),
    T("menuiserie", "Menuiserie et agencement", "Joinery and carpentry", ("building", "wood"),
      "45421000 45420000 44220000 39150000",
      "menuiserie; menuiseries; menuisier; menuisiers; agencement; agencement interieur;"
      " ebenisterie; ebeniste; bois|0.4; mobilier sur mesure; placards; parquet; blocs portes;"
      " fenetres|0.4; huisseries; charpente; ossature bois; travaux bois; menuiserie interieure",
      "joinery; carpentry; carpenter; joiner; cabinet making; bespoke furniture; shopfitting;"
      " woodwork; timber frame"),
    T("deconstruction", "Curage et déconstruction sélective", "Soft strip and deconstruction",
      ("building", "waste"), "45110000 45111000 45111100 45111300",
      "curage; deconstruction; deconstruction selective; demolition; depose; depose soignee;"
      " demontage|0.4; gravats; evacuation des gravats; desamiantage; reemploi des materiaux;"
      " materiaux de reemploi",
      "soft strip; strip out; selective demolition; deconstruction; demolition; salvage of"
      " materials; reclaimed materials"),
    T("multiservice", "Petits travaux et maintenance des bâtiments", "Building maintenance",
      ("building",), "50700000 50710000 45330000 45310000 45300000",
      "petits travaux; travaux d entretien; maintenance des batiments; maintenance batiment;"
      " multiservice; multiservices; depannage|0.5; plomberie; electricite; serrurerie;"
      " bricolage; homme toutes mains; remise en etat|0.6; remise en etat de logements|0.6;"
      " entretien du patrimoine|0.5; maintenance technique; petite maintenance",
      "building maintenance; handyman; odd jobs; plumbing; electrical work; repairs|0.5;"
      " minor works; property maintenance"),
    T("travaux_publics", "Travaux publics, voirie et réseaux", "Civil works, roads and networks",
      ("building",), "45230000 45232000 45233000 45112500 45240000 71630000",
      "travaux publics; voirie|0.5; vrd; voirie et reseaux divers; terrassements; reseaux|0.4;"
      " assainissement; canalisations; enrobes; bordures; chaussee; tramway; inspection des"
      " reseaux; signalisation routiere; marquage au sol",
      "civil engineering; road works; roadworks; earthworks; drainage; sewer; paving;"
      " highway maintenance; highways works; resurfacing; footways; footway repairs; pothole"
      " repairs; carriageway; road repairs; kerbs"),
    T("assainissement", "Curage et inspection des réseaux d'assainissement",
      "Sewer cleaning and inspection", ("sanitation", "building"),
      "90470000 90480000 90491000 90460000 90640000 90641000",
      "curage des reseaux; curage de reseaux; curage des canalisations; hydrocurage;"
      " hydrocureuse; inspection televisee; inspection televisuelle; itv|0.6; inspection video"
      " des reseaux; inspection par camera; passage camera; debouchage; debouchage de"
      " canalisations; vidange de fosses; fosses septiques; curage des avaloirs; avaloirs|0.5;"
      " reseaux de assainissement|0.7; reseaux de eaux usees|0.7; postes de relevage|0.6",
      "sewer cleaning; sewer inspection; drain cleaning; drain jetting; cctv survey; cctv drain;"
      " drain survey; septic tank; septic tanks; gully cleaning"),
    # --- logistics and transport
    T("logistique", "Logistique, conditionnement et façonnage", "Logistics and packing",
      ("logistics", "industry"), "63120000 63121000 63100000 79342000 79824000",
      "logistique; entreposage; stockage; conditionnement; emballage|0.3; mise sous film;"
      " colisage; etiquetage; assemblage|0.5; kitting; ensachage; manutention|0.5;"
      " facon; travaux a facon; plateforme logistique; preparation de kits",
      "logistics; warehousing; storage; packaging|0.6; co packing; kitting; labelling;"
      " packing; handling|0.5"),
    T("ecommerce_logistique", "Logistique e-commerce", "E-commerce fulfilment",
      ("logistics",), "63120000 64120000",
      "preparation de commandes; preparation des commandes; e commerce; boutique en ligne;"
      " vente en ligne; expedition de colis; expeditions; gestion des retours; colis|0.6;"
      " logistique e commerce; logisticien",
      "order fulfilment; order fulfillment; fulfilment; fulfillment; e commerce; ecommerce;"
      " online shop; online store; parcel dispatch; returns; pick and pack; picking; parcels"),
    T("routage_courrier", "Mise sous pli, routage, courrier", "Mailing and mail handling",
      ("office", "logistics"), "79571000 64110000 79560000 79800000",
      "mise sous pli; mise sous enveloppe; routage; publipostage; affranchissement; envoi de"
      " courriers; courriers en nombre; courrier|0.6; gestion du courrier; tri du courrier;"
      " distribution du courrier; mailing; envois en nombre",
      "mailing; mailings; envelope stuffing; mail handling; mailroom; franking; direct mail;"
      " bulk mail;"
      " enveloping; mail merge; mailing services"),
    T("demenagement", "Déménagement et manutention", "Removals and handling",
      ("logistics",), "98392000 60100000 63110000",
      "demenagement; demenagements; demenageur; demenageurs; transfert de mobilier; manutention;"
      " manutentionnaires; transfert de services; demenagement de bureaux; mise en cartons;"
      " montage et demontage de mobilier; portage de mobilier; transferts|0.4",
      "removal company; removal firm; removal services; house removals; office removal;"
      " office removals; office relocation; office move; office moves;"
      " relocation; moving; movers; furniture moving;"
      " handling|0.6;"
      " furniture removals; porterage"),
    T("coursier", "Coursiers et livraison à vélo", "Courier and cargo-bike delivery",
      ("logistics", "mobility"), "64120000 64121000 60160000",
      "coursier; coursiers; courses urgentes; cyclologistique; livraison a velo; livraisons a"
      " velo; livraison en velo cargo; livraisons en velo cargo; dernier kilometre; transport"
      " de plis; plis|0.5; navette courrier; tournees de courrier; messagerie|0.5",
      "courier; couriers; cycle courier; bike courier; cargo bike delivery; cargo bike"
      " deliveries; last mile; last mile delivery; parcel delivery; same day delivery"),
    T("transport_personnes", "Transport de personnes", "Passenger transport", ("mobility",),
      "60130000 60112000 60140000 60170000 60100000",
      "transport de personnes; transport adapte; personnes a mobilite reduite; tpmr; transport"
      " scolaire; transport d enfants; navette|0.5; navettes|0.5; chauffeur|0.3; chauffeurs|0.3;"
      " minibus;"
      " transport solidaire; transport a la demande; accompagnement vehicule; accompagnement"
      " d eleves; accompagnement des eleves; accompagnateurs de transport; accompagnement des"
      " trajets; trajets domicile ecole|0.6",
      "passenger transport; accessible transport; school transport; school runs; minibus;"
      " shuttle; door to door transport; driver; drivers; home to school transport; school"
      " escorts; passenger assistants; patient transport;"
      " disabled passengers; community transport; dial a ride; accessible minibus"),
    T("garage", "Garage solidaire, mécanique et dépannage", "Garage and vehicle repair",
      ("vehicles", "mobility"), "50100000 50110000 50112000 50118000 50118100",
      "garage solidaire; @garage; @garages; mecanique automobile; reparation automobile;"
      " entretien de vehicules; entretien des vehicules; remorquage; depannage de vehicules;"
      " carrosserie;"
      " controle technique; pneumatiques; pneus; freinage; plaquettes de frein; vidange|0.4;"
      " mecanique|0.6; mecanicien; mecaniciens; entretien du parc automobile; entretien de la"
      " flotte; parc automobile|0.5; parc de vehicules|0.5; revision des vehicules; diagnostic"
      " moteur; vehicules utilitaires|0.4; vehicules legers|0.4; engins|0.3",
      "car repair; vehicle maintenance; garage; towing; breakdown recovery; mechanics;"
      " mechanic; vehicle servicing; fleet maintenance; fleet servicing; oil"
      " change; oil changes; tyres; tires; brakes; bodywork; motor vehicle; vans|0.3;"
      " fleet|0.3;"
      " vehicle repair; vehicle repairs; repair of motor vehicles; motor vehicle repair;"
      " vehicle recovery; mot testing"),
    # --- office and digital services
    T("impression", "Impression et reprographie", "Printing and copying", ("print",),
      "79800000 79810000 79820000 79823000 22000000 22100000 22400000",
      "impression; imprimerie; imprimeur; reprographie; photocopie; photocopies; tirages;"
      " reliure; faconnage|0.6; plastification; impression numerique; offset; affiches;"
      " flyers; depliants; brochures; cartes de visite; documents imprimes",
      "printing; printer|0.6; print shop; reprographics; copying; photocopying; binding;"
      " leaflets; brochures; flyers; posters"),
    T("signaletique", "Signalétique et impression grand format", "Signage and large format",
      ("print",), "34928470 34928471 31523000 44423400 35261000",
      "signaletique|0.7; signalisation|0.6; panneaux|0.5; enseignes; adhesifs; baches;"
      " kakemonos; roll up; grand format; impression grand format; marquage de vehicules;"
      " balisage|0.6; plaques|0.4; serigraphie|0.6",
      "signage; signs; banners; large format printing; roll up banners; vinyl; vehicle"
      " graphics;"
      " wayfinding; wayfinding signage"),
    T("numerisation", "Numérisation et archivage", "Scanning and archiving", ("office",),
      "79999100 79995100 79995000 79999200",
      "numerisation; numeriser; scan; scanner; dematerialisation; archivage; archives;"
      " classement; conditionnement d archives; indexation; ged; microfilm; registres|0.6;"
      " traitement d archives; archiviste",
      "scanning; digitisation; digitization; document scanning; archiving; archives; records"
      " management; indexing; filing"),
    T("saisie_donnees", "Saisie et traitement de données", "Data entry and processing",
      ("office",), "72312000 72310000 72300000 79330000",
      "saisie; saisie de donnees; saisie informatique; encodage; traitement de donnees; mise a"
      " jour de bases de donnees; mise a jour des donnees; bases de donnees; retranscription;"
      " transcription; questionnaires|0.6; depouillement; fichiers|0.5; referentiel|0.5;"
      " controle qualite des donnees",
      "data entry; data keying; data processing; data capture; transcription; database"
      " updating; data cleansing; databases|0.6; keying"),
    T("centre_appels", "Centre d'appels et accueil téléphonique", "Call centre", ("office",),
      "79512000 79510000 79511000",
      "centre d appels; centre de contact; plateforme telephonique; accueil telephonique;"
      " standard telephonique; standard|0.4; teleconseillers; teleconseiller; telesecretariat;"
      " permanence telephonique; hotline; appels entrants; appels sortants; numero vert;"
      " prise de rendez vous; appels|0.5; enquete telephonique; enquetes telephoniques;"
      " enquetes par telephone; telephonique|0.5; telephone|0.4",
      "call centre; call center; contact centre; contact center; switchboard; telephone"
      " answering; helpline; hotline; inbound calls; outbound calls; phone calls|0.6"),
    T("accueil_secretariat", "Accueil, secrétariat, conciergerie", "Reception and admin support",
      ("office",), "79500000 79520000 79992000 79990000",
      "agent d accueil; agents d accueil; accueil physique; hotesses; secretariat; assistance"
      " administrative; travaux administratifs; gestion administrative; conciergerie;"
      " conciergerie d entreprise; accueil|0.3",
      "reception; receptionist; front desk; secretarial; administrative support; concierge"),
    T("informatique_services", "Services informatiques et numériques", "IT and digital services",
      ("it",), "72000000 72200000 72250000 72253000 72500000 72400000",
      "developpement informatique; developpement web; developpement de logiciels; tests"
      " logiciels; test logiciel; ~recette|0.3; support informatique; assistance informatique;"
      " infogerance; accessibilite numerique; helpdesk; maintenance informatique;"
      " applications informatiques; applications mobiles; logiciel|0.6",
      "software development; software testing; it support; helpdesk; web development;"
      " digital accessibility; app development; qa testing;"
      " it services; website development; website design; network maintenance; computer"
      " support; it helpdesk"),
    T("communication", "Communication et graphisme", "Graphic design and communication",
      ("culture",), "79822500 79340000 79341000 79416000 79342000 79413000 79822000",
      "communication|0.6; graphisme; graphiste; graphistes; conception graphique; identite"
      " visuelle; creation graphique; mise en page; pao; site internet; creation de sites;"
      " webdesign; supports de communication; charte graphique; illustrations; illustrateur;"
      " reseaux sociaux; plaquettes",
      "graphic design; graphic designer; branding; visual identity; web design; communication"
      "|0.6; layout; social media; illustration; design|0.5"),
    T("audiovisuel", "Audiovisuel, vidéo et photo", "Video and photography", ("culture",),
      "92100000 92110000 92111000 79961000 92200000",
      "audiovisuel; video; videos; film; films; tournage; montage video; realisation de films;"
      " captation; photographie; photographe; motion design; podcast; podcasts; reportage",
      "video production; video; videos; filming; film; video editing; photography;"
      " photographer; audiovisual; podcast; motion design"),
    T("evenementiel", "Événementiel et logistique d'événements", "Events", ("culture", "events"),
      "79952000 79950000 79953000 79956000 79954000",
      "evenementiel; organisation d evenements; logistique evenementielle; montage de stands;"
      " stands; festival|0.4; festivals|0.4; sonorisation; eclairage scenique;"
      " location de materiel;"
      " barnums; billetterie; regie|0.2; manifestations|0.5; evenements|0.5",
      "event management; events|0.5; festival; festivals; event logistics; staging; stands;"
      " sound systems"),
    T("toilettes_seches", "Toilettes sèches et sanitaires mobiles", "Dry and mobile toilets",
      ("waste", "events"), "44411000 90410000 90400000",
      "toilettes seches; toilettes mobiles; sanitaires mobiles; toilettes ecologiques;"
      " toilettes|0.6; sanitaires evenementiels; cabines sanitaires; cabines|0.5; urinoirs;"
      " lave mains|0.5; sciure|0.5; vidange des cabines; vidange des toilettes; gestion des"
      " matieres|0.5",
      "dry toilets; compost toilets; composting toilets; portable toilets; mobile toilets;"
      " toilets|0.6"),
    T("animation", "Animation et médiation culturelle", "Activities and cultural mediation",
      ("culture", "education"), "92000000 92300000 92330000 92500000 85320000",
      "animation; animations; animateur; animateurs; ateliers pedagogiques; mediation"
      " culturelle; activites periscolaires; @accueil de loisirs; @accueils de loisirs; @centre"
      " de loisirs; @centres de loisirs;"
      " sensibilisation|0.5; education a l environnement; spectacle; spectacles; activites"
      " sportives; ateliers|0.4",
      "activities|0.5; workshops|0.3; facilitation; recreational activities; after school;"
      " cultural mediation; outreach; awareness raising|0.5"),
    T("traduction", "Traduction, interprétariat, langue des signes", "Translation and interpreting",
      ("language",), "79530000 79540000 79510000",
      "traduction; traductions; traducteur; traducteurs; interpretariat; interprete;"
      " interpretes; langue des signes; lsf; facile a lire et a comprendre; falc;"
      " transcription en braille; braille; sous titrage; sous titres",
      "translation; translations; translator; interpreting; interpreter; interpreters; sign"
      " language; easy read; braille; subtitling"),
    T("fournitures_bureau", "Fournitures de bureau et consommables", "Office supplies",
      ("supplies",), "30192000 30190000 30197000 30199000 22800000 30125000",
      "fournitures de bureau; fournitures administratives; fournitures scolaires; papeterie;"
      " consommables informatiques; consommables d impression; cartouches|0.5; toners;"
      " ramettes",
      "office supplies; stationery; school supplies; toner cartridges; printer consumables;"
      " office consumables; copier paper; paper supplies; ink cartridges"),
    T("formation", "Formation", "Training", ("education",),
      "80500000 80530000 80000000 80400000 80510000 80410000",
      "formation|0.6; formations|0.6; formateur; formateurs; organisme de formation;"
      " formation professionnelle; formation linguistique; fle; francais langue etrangere;"
      " alphabetisation; savoirs de base; remise a niveau; soutien scolaire; accompagnement"
      " scolaire; tutorat; ingenierie pedagogique",
      "training|0.6; trainer; trainers; courses|0.6; tutoring; language classes; literacy;"
      " vocational training"),
    # --- care and people
    T("aide_domicile", "Aide à domicile et services à la personne", "Home care", ("care",),
      "85300000 85310000 85312000 98513000 85320000",
      "aide a domicile; services a la personne; aide menagere; auxiliaire de vie; auxiliaires"
      " de vie; maintien a domicile; aide aux aidants; garde a domicile; menage a domicile;"
      " teleassistance; accompagnement des personnes agees",
      "home care; home help; personal care; domiciliary care; elderly care; carers; care"
      " workers"),
    T("petite_enfance", "Petite enfance", "Childcare", ("care", "education"),
      "85312110 80110000",
      "petite enfance; @creche; @creches; multi accueil; micro creche; garde d enfants;"
      " assistantes maternelles; halte garderie; accueil du jeune enfant; jardin d enfants",
      "childcare; child care; nursery; day nursery; early years; @creche"),
    T("mediation_sociale", "Médiation sociale et accompagnement", "Social mediation and support",
      ("care",), "75231240 85312510 85312500",
      "mediation sociale; mediateurs; mediateur; correspondants de nuit; tranquillite"
      " publique; tranquillite residentielle; accompagnement social|0.5; accompagnement"
      " socioprofessionnel|0.3; accompagnement socio professionnel|0.3; insertion"
      " professionnelle|0.3; remobilisation|0.4; prestation d insertion|0.5",
      "social mediation; mediators; community mediation; social support|0.5; job coaching|0.3;"
      " neighbourhood mediation; street mediation; outreach workers; night mediators"),
    T("mise_a_disposition", "Mise à disposition de personnel, intérim d'insertion",
      "Temporary staffing", ("staffing",), "79620000 79610000 79600000 79621000 79624000",
      "mise a disposition de personnel; mise a disposition de salaries; mise a disposition|0.3;"
      " interim; interim d insertion; travail temporaire; missions d interim; personnel"
      " interimaire; renfort de personnel; remplacement de personnel; pret de main d oeuvre;"
      " missions|0.3",
      "temporary staff; temp agency; staffing; temporary work; temporary workers; personnel"
      " supply; labour supply; agency staff"),
    T("gardiennage", "Gardiennage et sécurité", "Security and guarding", ("security",),
      "79710000 79713000 79714000 79715000",
      "gardiennage; surveillance; agent de securite; agents de securite; securite incendie;"
      " ssiap; rondes; controle d acces",
      "security guarding; security guards; security services; patrols; surveillance; manned"
      " guarding; site security; night watch; access control; fire safety officers; caretaking"
      " and security;"
      " guarding; security patrols; key holding; mobile patrols"),
    # --- industry and goods
    T("sous_traitance", "Sous-traitance industrielle", "Industrial subcontracting",
      ("industry",), "42000000 31300000 42900000",
      "sous traitance industrielle; assemblage; montage de sous ensembles; cablage; usinage;"
      " toleries; tolerie; soudure; metallerie; decoupe; injection plastique; travail des"
      " metaux; montage mecanique; electronique|0.5; sous traitance|0.5",
      "industrial subcontracting; subcontracting|0.5; assembly; machining; wiring; cable"
      " assembly; metalwork; welding; light assembly"),
    T("objets_promotionnels", "Objets promotionnels et fabrication artisanale",
      "Promotional goods and crafts", ("industry", "print"), "39294100 22460000 18930000",
      "objets promotionnels; objets publicitaires; goodies; cadeaux d affaires; coffrets;"
      " coffrets cadeaux; sacs personnalises; fabrication artisanale; artisanat",
      "promotional items; promotional goods; branded merchandise; goodies; gift boxes;"
      " handmade goods; crafts"),
)
# fmt: on
