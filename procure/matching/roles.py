"""Sentence roles: how much a sentence of a description can say about the trade.

A supplier's status ("entreprise d'insertion, nous accompagnons..."), its area, its ecological
practice ("livraisons en vélo-cargo") or a notice's procedure and exclusions ("la vitrerie fait
l'objet d'un marché distinct") must not create trades, or only weakly. One cue matcher finds
both the role cues and the ecological practices of a sentence in a single pass, so the index
reads each description once (the ecological practices feed the environmental-clause fit).
"""

from __future__ import annotations

import re

from procure.domain.text import normalise
from procure.matching.cues import CueMatcher
from procure.matching.eco import ECO_PRACTICES
from procure.matching.vocabulary import role_text

ECO_ROLE_WEIGHT = 0.3
STATUS_WEIGHT = 0.5  # the role of a supplier's status (vocabulary/roles.toml)

# Sentence roles (vocabulary/roles.toml): cue phrases over normalised words -> weight.
ROLE_TEXT: dict[float, str] = role_text()
_ROLE_MATCHER = CueMatcher(
    [(p.strip(), w) for w, raw in ROLE_TEXT.items() for p in raw.split(";")]
    + [(p.strip(), label) for label, raw in ECO_PRACTICES.items() for p in raw.split(";")]
)

# A sentence opening on the clients lists whom the supplier serves, not what it does.
CLIENT_WEIGHT = 0.15
_CLIENT_OPENINGS = frozenset(
    (("nos", "clients"), ("our", "clients"), ("our", "customers"), ("nos", "references"))
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
    elif tuple(words[:2]) in _CLIENT_OPENINGS or words[:1] == ["clients"]:
        weight = min(weight, CLIENT_WEIGHT)  # "Nos clients : mairies, crèches, garages."
    eco: list[str] = []
    if starts is None:
        starts = [(i, c) for i, w in enumerate(words) if (c := role_candidates(w))]
    head = _status_head(raw_sentence)
    for i, candidates in starts:
        for found in _ROLE_MATCHER.match_at(words, i, candidates):
            if isinstance(found, str):
                eco.append(found)
                weight = min(weight, ECO_ROLE_WEIGHT)
            elif not (found == STATUS_WEIGHT and i < head):
                weight = min(weight, found)  # type: ignore[call-overload]
    return weight, eco


def _status_head(raw_sentence: str) -> int:
    """Number of words before a sentence's first colon (0 without one): a status named there
    heads what follows ("Entreprise d'insertion du bâtiment : peinture, sols souples", "Adapted
    company: flat linen rental") and does not weaken the trades listed after the colon."""
    head, colon, _rest = raw_sentence.partition(":")
    if not colon:
        return 0
    # commas and parentheses are marker words in the analysed sentence (see ``phrases``)
    return len(normalise(head.replace(",", " x ").replace("(", " x ")).split())
