"""The trade taxonomy, read from ``vocabulary/trades.toml`` (its header documents the phrase
syntax: weights, place words, ambiguous heads, families). Kept as a module so callers import
``TRADES`` and ``TradeSpec`` from one place.
"""

from __future__ import annotations

from procure.matching.vocabulary import TradeSpec, trade_specs

TRADES: tuple[TradeSpec, ...] = trade_specs()

__all__ = ["TRADES", "TradeSpec"]
