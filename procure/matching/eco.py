"""Ecological practice vocabulary.

Two uses: (1) a supplier that *states a concrete practice* (electric vans, zero-pesticide
management, eco-labelled products, landfill diversion figures...) fits an environmental clause;
(2) sentences about such practices must not create trades ("livraisons en vélo-cargo" is not a
courier business), so trade detection gives them a low weight. Vague claims ("engagés pour la
planète", "éco-responsable") are deliberately absent: the labels reward concrete practice.
The cues are in ``vocabulary/eco.toml``: normalised words (elisions expanded: "d'eau" is
"de eau"), ``*`` = any ending.
"""

from __future__ import annotations

from procure.matching.cues import CueMatcher
from procure.matching.text import normalise
from procure.matching.vocabulary import eco_practices as eco_practices_vocabulary

ECO_PRACTICES: dict[str, str] = eco_practices_vocabulary()  # vocabulary/eco.toml
ECO_ORDER = {label: i for i, label in enumerate(ECO_PRACTICES)}
ECO_MATCHER = CueMatcher(
    (p.strip(), label) for label, raw in ECO_PRACTICES.items() for p in raw.split(";")
)


def eco_practices(text: str, normalised: bool = False) -> tuple[str, ...]:
    """Distinct ecological practices stated in a text, as French labels, in table order."""
    norm = text if normalised else normalise(text)
    found = set(ECO_MATCHER.find(norm.split()))
    return tuple(sorted(found, key=ECO_ORDER.__getitem__))  # type: ignore[arg-type]
