"""Loaders of the demo's suppliers and tenders, in that order (tenders' advisor and shortlists
read the registry)."""

from procure.suppliers.demo import load_demo_suppliers


def _load_tenders(session):
    from procure.tenders.demo import load_demo_tenders

    return load_demo_tenders(session)


LOADERS: list = [load_demo_suppliers, _load_tenders]
