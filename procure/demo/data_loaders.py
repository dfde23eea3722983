"""Loaders of the demo's suppliers and tenders (filled in by the registry and tender features)."""

LOADERS: list = []

# Suppliers (registry): the demo CSV through the real importer, and the Ecosec user.
from procure.suppliers.demo import load_demo_suppliers  # noqa: E402

LOADERS.append(load_demo_suppliers)
