"""Robustness on real notices (the dev-set gate is tests/test_match_quality.py)."""

import json

import pytest
from conftest import supplier

from procure.matching.engine import MatchIndex, rank, tender_trades
from procure.matching.types import Clause, TenderDoc

# The dev-set quality gate is tests/test_match_quality.py (through the command line).


def test_real_notices_do_not_crash(shared_dir):
    path = shared_dir / "data" / "real-notices" / "notices.json"
    if not path.exists():
        pytest.skip(f"no real notices at {path}")
    index = MatchIndex.build(
        [
            supplier(1, "Nettoyage de locaux et vitrerie.", ("75", "92"), kinds=("EA",)),
            supplier(2, "Entretien des espaces verts.", ("FR",), kinds=("EI",)),
            supplier(3, "Restauration collective et traiteur.", ("971",), kinds=("ESAT",)),
        ]
    )
    for obj in json.loads(path.read_text("utf-8")):
        t = TenderDoc(
            reference=obj["reference"],
            title=obj["title"],
            description=obj["description"],
            cpv_codes=tuple(obj["cpv_codes"]),
            departments=tuple(obj["departments"]),
            clauses=tuple(
                Clause(c["type"], c.get("hours"), c.get("weight"), c.get("text"))
                for c in obj["clauses"]
            ),
        )
        matches = rank(index, t)
        tender_trades(t)
        reserved = {c.type for c in t.clauses if c.type.startswith("reserved")}
        if reserved == {"reserved_inclusion"}:
            assert {m.supplier_id for m in matches} <= {2}
