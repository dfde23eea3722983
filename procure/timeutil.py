"""Kept for the modules that still import it: the helpers live in `procure.domain.localtime`."""

from procure.domain.localtime import aware, utcnow

__all__ = ["aware", "utcnow"]
