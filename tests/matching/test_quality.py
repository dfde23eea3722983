"""Ranking quality on the labelled dev set and robustness on real notices."""

import json
import re
import subprocess
import sys

import pytest
from conftest import REPO, supplier

from procure.matching.engine import MatchIndex, rank, tender_trades
from procure.matching.types import Clause, TenderDoc

NDCG_FLOOR = 0.94
RECALL_FLOOR = 0.97


def test_dev_set_quality(shared_dir):
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "eval_dev.py"), str(shared_dir / "eval" / "dev")],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = proc.stdout.strip().splitlines()[-1]
    m = re.search(r"ndcg@10=([\d.]+) recall@20=([\d.]+) violations=(\d+)", summary)
    assert m, proc.stdout + proc.stderr
    ndcg, recall, violations = float(m[1]), float(m[2]), int(m[3])
    assert violations == 0, summary
    assert ndcg >= NDCG_FLOOR, summary
    assert recall >= RECALL_FLOOR, summary


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
