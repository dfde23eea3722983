"""A walk through the pages of the three journeys in French, on the demo data: no raw code,
no ISO or UTC timestamp, no English word where a French reader is."""

from __future__ import annotations

import re

from procure.matching.service import forget_index
from tests.presentation.walk import ANSWER, Walk, visible_text, walk_the_journeys

# A word on its own: not part of an e-mail address, a file name or a hyphenated word.
ALONE = r"(?<![\w@.-])(?:{})(?![\w@.-])"
# Codes stored in the database that a person must never read as such.
RAW_CODES = re.compile(
    ALONE.format(
        r"pending|sent|sending|failed|cancelled|verified|rejected|submitted|draft|create|update"
        r"|import\.create|import\.update|legal_form|inclusion_kinds|rejection_reason|cpv_codes"
        r"|departments|digest|alert|reserved_inclusion|reserved_disability|reserved_ess"
        r"|social_criterion|not_interested|interested|weekly|daily|buyer|supplier|admin"
        r"|tender_ok|tender_ko|struct_ok|struct_ko|[ra]\d+"
    )
)
TIMESTAMPS = re.compile(r"\d{4}-\d{2}-\d{2}T|\d{4}-\d{2}-\d{2} \d{2}:\d{2}|\+00:00| UTC\b")
ENGLISH = re.compile(
    ALONE.format(
        r"None|True|False|Sign in|Log out|Password|Submit|Save|Search|Filter|Status|Preview"
        r"|Unsubscribe|Tenders|Suppliers|Next|Previous|yes|no"
    )
)


def problems_in(walk: Walk) -> list[str]:
    problems = []
    for url, text in walk.pages.items():
        for name, pattern in (
            ("code", RAW_CODES),
            ("horodatage", TIMESTAMPS),
            ("anglais", ENGLISH),
        ):
            for match in pattern.finditer(text):
                around = text[max(match.start() - 40, 0) : match.end() + 40]
                problems.append(f"{url}: {name} « {match.group(0)} » dans « {around} »")
    return problems


def test_journey_pages_read_in_french(client, app_ctx, runner):
    forget_index()
    walk = walk_the_journeys(client, runner, "fr")
    forget_index()
    seen = " ".join(walk.pages)
    for page in ("/suppliers/for-you", "/spaser/", "/admin/suppliers/import (POST)",
                 "/account/admin/organisations", "/admin/outbox", "/answer (POST)"):  # fmt: skip
        assert page in seen, page
    assert "marchés ouverts" in walk.pages["facilitateur /admin/outbox/files"]
    assert "structure vérifiée" in walk.pages["facilitateur /admin/outbox"]
    buyer_read = [text for page, text in walk.pages.items() if page.startswith("achats /tenders/")]
    assert any(ANSWER in text for text in buyer_read)  # the buyer read the supplier's answer
    assert problems_in(walk) == [], "\n".join(problems_in(walk))


def test_the_walk_catches_what_it_looks_for():
    """The checker itself: a raw status, an ISO time and an English word are found."""
    html = (
        "<p>Statut : pending</p><p>le 2026-12-03T10:00:00+00:00</p><button>Save</button>"
        "<script>var x = 'pending';</script><input placeholder='Search'>"
    )
    text = visible_text(html)
    assert RAW_CODES.findall(text) == ["pending"]
    assert TIMESTAMPS.search(text)
    assert ENGLISH.findall(text) == ["Save", "Search"]
