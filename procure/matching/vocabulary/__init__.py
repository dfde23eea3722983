"""The matcher's vocabulary as data: trades, sentence roles and ecological practices.

The phrases live in TOML files next to this module (``trades.toml``, ``roles.toml``,
``eco.toml``), one phrase a line, so a change of vocabulary is a diff of phrases a reviewer can
read. This one loader reads them; ``phrases`` compiles the trade phrases, ``cues`` the role and
ecological cues. Each file's header documents its syntax.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any, NamedTuple


class TradeSpec(NamedTuple):
    """A trade as written in ``trades.toml``: phrases ';'-joined, CPV prefixes space-joined."""

    code: str
    label_fr: str
    label_en: str
    families: tuple[str, ...]
    cpv: str
    fr: str
    en: str


@cache
def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8"))


def trade_specs() -> tuple[TradeSpec, ...]:
    """Every trade of ``trades.toml``, in file order."""
    return tuple(
        TradeSpec(
            t["code"],
            t["label_fr"],
            t["label_en"],
            tuple(t["families"]),
            " ".join(t["cpv"]),
            "; ".join(t["fr"]),
            "; ".join(t["en"]),
        )
        for t in _load("trades")["trade"]
    )


def role_text() -> dict[float, str]:
    """Sentence weight -> its cue phrases ';'-joined (``roles.toml``)."""
    return {float(r["weight"]): "; ".join(r["cues"]) for r in _load("roles")["role"]}


def eco_practices() -> dict[str, str]:
    """French label -> its cue phrases ';'-joined, in display order (``eco.toml``)."""
    return {p["label"]: "; ".join(p["cues"]) for p in _load("eco")["practice"]}
