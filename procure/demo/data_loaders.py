"""Loaders of the demo's suppliers and tenders (filled in by the registry and tender features)."""

LOADERS: list = []


def _load_tenders(session):
    from procure.tenders.demo import load_demo_tenders

    return load_demo_tenders(session)


LOADERS.append(_load_tenders)
