"""Folding French and English text for comparison: accents and case folded, elisions
expanded (l' -> le), letters and digits only. Pure Python: suppliers store their folded
description with it, the matcher (procure.matching.text) builds its tokens on it.
"""

from __future__ import annotations

import re

from anyascii import anyascii

ELISIONS = {
    "l": "le",
    "d": "de",
    "j": "je",
    "m": "me",
    "n": "ne",
    "s": "se",
    "t": "te",
    "c": "ce",
    "qu": "que",
    "lorsqu": "lorsque",
    "puisqu": "puisque",
    "jusqu": "jusque",
    "quoiqu": "quoique",
}
ELISION_RE = re.compile(r"\b(" + "|".join(sorted(ELISIONS, key=len, reverse=True)) + r")'")
NON_WORD = re.compile(r"[^a-z0-9]+")


_FOLDED: dict[str, str] = {}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(match: re.Match[str]) -> str:
    ch = match.group()
    out = _FOLDED.get(ch)
    if out is None:
        out = _FOLDED[ch] = anyascii(ch)
    return out


def _ascii(text: str) -> str:
    """anyascii on the non-ASCII characters only (cached): whole-text calls are slow."""
    return text if text.isascii() else _NON_ASCII.sub(_fold_char, text)


def normalise(text: str) -> str:
    """Fold accents and case, expand elisions (l' -> le), keep letters and digits only."""
    folded = _ascii(text or "").lower()
    if "'" in folded or "`" in folded:
        folded = ELISION_RE.sub(lambda m: ELISIONS[m.group(1)] + " ", folded.replace("`", "'"))
    out = " ".join(NON_WORD.sub(" ", folded).split())
    if "e commerce" in out:  # "e-commerce" is one word: "commerce" alone is trade in general
        out = _E_COMMERCE.sub("ecommerce", out)
    return out


_E_COMMERCE = re.compile(r"\be commerce\b")
