"""List-Unsubscribe is a plain <https://...> list, never RFC 2047 encoded-words."""

from __future__ import annotations

from email import message_from_bytes, policy

from procure.digests.headers import with_plain_list_headers
from procure.mail.transport import build_message

LINK = "https://procure.example.fr/digests/unsubscribe/" + "eyJ1IjoxMiwiYSI6InVuc3Vic2NyaWJlIn0" * 3


def test_a_long_unsubscribe_link_stays_a_plain_link(app_ctx):
    msg = build_message(
        "claire@example.org",
        "procure : vos 3 marchés ouverts, semaine 49, avec un sujet assez long pour être plié",
        "texte",
        "<p>html</p>",
        headers={
            "List-Unsubscribe": f"<{LINK}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    raw = bytes(with_plain_list_headers(msg))
    assert f"List-Unsubscribe: <{LINK}>\n".encode() in raw
    assert b"=?utf-8?" not in raw.split(b"List-Unsubscribe:")[1].split(b"\n")[0]
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["List-Unsubscribe"] == f"<{LINK}>"
    # Other headers are still folded and encoded as e-mail requires.
    assert parsed["Subject"].startswith("procure : vos 3 marchés")
    assert all(len(line) <= 998 for line in raw.split(b"\n"))
