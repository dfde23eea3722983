"""A shortlist as JSON entries: the shape `procure match --format json` and the API share."""

from __future__ import annotations

from procure.matching.reasons import render_all
from procure.matching.types import Match


def entries(matches: list[Match], lang: str) -> list[dict]:
    """{"siret", "name", "score", "relevant", "reasons"} per match, reasons in ``lang``."""
    return [
        {
            "siret": m.siret,
            "name": m.name,
            "score": m.score,
            "relevant": m.relevant,
            "reasons": render_all(m.reasons, lang),
        }
        for m in matches
    ]
