"""Sentence roles: how much a sentence of a description can say about the trade.

A supplier's status ("entreprise d'insertion, nous accompagnons..."), its area, its ecological
practice ("livraisons en vélo-cargo") or a notice's procedure and exclusions ("la vitrerie fait
l'objet d'un marché distinct") must not create trades, or only weakly. One cue matcher finds
both the role cues and the ecological practices of a sentence in a single pass, so the index
reads each description once (the ecological practices feed the environmental-clause fit).
"""

from __future__ import annotations

import re

from procure.matching.cues import CueMatcher
from procure.matching.eco import ECO_PRACTICES

ECO_ROLE_WEIGHT = 0.3

# Sentence roles, as cue phrases over normalised words ("*" = any ending) -> weight.
ROLE_TEXT: dict[float, str] = {
    0.0: "marche distinct; fait le objet de un marche; fait le objet de un autre marche; ne"
    " comprend pas; ne comprennent pas; ne sont pas compris; ne est pas compris; ne sont pas"
    " inclus; ne est pas inclus; ne fait pas partie; hors perimetre; hors marche; exclu;"
    " exclue; exclus; exclues; a le exclusion; not included; excluded; excluding; separate"
    " contract; not part of; sauf; ne est pas le objet; ne sont pas le objet; ne entre pas dans;"
    " ne entrent pas dans; ne releve pas; ne relevent pas; ne concerne pas; ne concernent pas;"
    " is not covered; are not covered; not covered by; does not include; do not include;"
    " out of scope; outside the scope; not within the scope; not the subject",
    0.15: "lieu de execution; lieu de livraison; lieu de intervention; lieux de execution; lieux"
    " de intervention; zone de intervention; secteur de intervention; perimetre de"
    " intervention; secteur couvert; secteurs couverts; zone couverte; couvrons; base a;"
    " basee a; bases a; basees a; base en; basee en; base dans; situe a; situee a; situes a;"
    " implant*; rayon de; km autour; area covered; based in; we cover; we serve; we operate;"
    " place of performance",
    0.3: "procedure*; duree; reconductible*; offres; candidat*; groupement*; sous traitan*;"
    " critere*; ponderation*; de la note; dce; profil de acheteur; date limite; accord cadre;"
    " bon de commande; bons de commande; mapa; appel de offres; clause; clauses; heures de"
    " insertion; reserve aux; reservee aux; marche reserve; article; code de la commande;"
    " code du travail; tender*; bidder*; bid; bids; award criteri*; framework agreement;"
    " reserved for; contract duration; contract period; renewable; subcontract*; weighting;"
    " insertion hours; conditions de execution; titulaire; prix unitaires; montant;"
    " estimated value; lots separes; lots distincts; deadline; submission*; criteria;"
    " criterion; social clause; environmental clause; estimated budget; price per; unit prices",
    0.5: "entreprise adaptee; entreprises adaptees; esat; aide par le travail; entreprise de"
    " insertion; entreprises de insertion; chantier de insertion; chantiers de insertion;"
    " association intermediaire; etti; geiq; siae; activite economique; structure de"
    " insertion; structures de insertion; travailleur* handicap*; travailleurs en"
    " situation; salaries en insertion; salaries en parcours; parcours de insertion;"
    " demandeur* de emploi; eloign* de le emploi; rsa; accompagn* socio*; utilite publique;"
    " mdph; esus; scop; scic; cooperative; economie sociale; utilite sociale; fonde en;"
    " fondee en; cree en; creee en; nous employons; disabled; disabilit*; work integration;"
    " long term unemployed; sheltered; integration enterprise; integration company; social"
    " enterprise; we employ; founded in; our team; our staff; our employees; nos salaries;"
    " supported employment; job seekers; jobseekers; far from employment; integration through;"
    " adapted company; vocational rehabilitation; established in; set up in",
}
_ROLE_MATCHER = CueMatcher(
    [(p.strip(), w) for w, raw in ROLE_TEXT.items() for p in raw.split(";")]
    + [(p.strip(), label) for label, raw in ECO_PRACTICES.items() for p in raw.split(";")]
)

_AREA_CODE = re.compile(r"\(\s*(\d{2,3}|2[ABab])\s*\)")


def role_candidates(word: str) -> tuple:
    """Role and eco cue patterns that may start at a word (for per-word caches)."""
    return _ROLE_MATCHER.candidates(word)


def sentence_role(
    words: list[str], raw_sentence: str = "", starts: list[tuple[int, tuple]] | None = None
) -> tuple[float, list[str]]:
    """Lowest weight among the roles a sentence shows (1.0 when none) and its eco practices.

    A département code in parentheses ("Lieu : Sète (34)") marks an area sentence; a sentence
    stating an ecological practice weighs ``ECO_ROLE_WEIGHT`` at most. ``starts`` (positions
    with their :func:`role_candidates`) spares a second pass when the caller has them.
    """
    weight = 0.15 if "(" in raw_sentence and _AREA_CODE.search(raw_sentence) else 1.0
    if words and words[0] in ("lieu", "lieux"):
        weight = 0.15
    eco: list[str] = []
    hits = (
        _ROLE_MATCHER.find(words)
        if starts is None
        else [p for i, c in starts for p in _ROLE_MATCHER.match_at(words, i, c)]
    )
    for found in hits:
        if isinstance(found, str):
            eco.append(found)
            weight = min(weight, ECO_ROLE_WEIGHT)
        else:
            weight = min(weight, found)  # type: ignore[call-overload]
    return weight, eco


def sentence_weight(norm_sentence: str, raw_sentence: str = "") -> float:
    """Lowest weight among the roles a normalised sentence shows (1.0 when none)."""
    return sentence_role(norm_sentence.split(), raw_sentence)[0]
