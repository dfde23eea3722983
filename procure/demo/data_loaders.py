"""Loaders of the demo's suppliers and tenders (filled in by the registry and tender features)."""

LOADERS: list = []
