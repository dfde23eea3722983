"""Quality on the independently written labelled set (tests/matching/fixtures/own_set.py).

This set guards generalisation: its trades, wording and notices were written apart from the
dev set, so a change that only helps the dev texts shows up here as a drop. Figures are
computed like eval/score.py (NDCG@10 on graded gains, Recall@20 on grades >= 2).
"""

from __future__ import annotations

import math

from fixtures import own_set

from procure.matching.engine import MatchIndex, rank
from procure.matching.types import Clause, SupplierDoc, TenderDoc

MIN_NDCG = 0.95
MIN_RECALL = 0.97


def _dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def _suppliers() -> list[SupplierDoc]:
    return [
        SupplierDoc(
            id=i,
            siret=own_set._siret(i),
            name=f"Structure {i}",
            legal_form=form,
            inclusion_kinds=frozenset(k for k in kinds.split(";") if k),
            esus=False,
            description=text,
            cpv_codes=(),
            departments=tuple(deps.split(";")),
        )
        for i, form, kinds, deps, _t, _e, text in own_set.S
    ]


def _tender(t: tuple) -> TenderDoc:
    ref, deps, _trades, clauses, title, desc = t
    return TenderDoc(
        reference=ref,
        title=title,
        description=desc,
        cpv_codes=(),
        departments=tuple(deps.split(";")),
        clauses=tuple(
            Clause(c["type"], c.get("hours"), c.get("weight"), c.get("text")) for c in clauses
        ),
    )


def test_own_set_quality():
    index = MatchIndex.build(_suppliers())
    ndcgs, recalls = [], []
    for t in own_set.T:
        labels = {own_set._siret(s[0]): own_set.grade(t, s) for s in own_set.S}
        got = [m.siret for m in rank(index, _tender(t), limit=20)]
        ideal = _dcg(sorted(labels.values(), reverse=True)[:10])
        ndcgs.append(_dcg([labels[s] for s in got[:10]]) / ideal)
        relevant = {s for s, g in labels.items() if g >= 2}
        recalls.append(len(relevant & set(got)) / len(relevant))
        print(f"{t[0]} ndcg@10={ndcgs[-1]:.3f} recall@20={recalls[-1]:.3f}")
    ndcg, recall = sum(ndcgs) / len(ndcgs), sum(recalls) / len(recalls)
    print(f"own set: ndcg@10={ndcg:.3f} recall@20={recall:.3f}")
    assert ndcg >= MIN_NDCG and recall >= MIN_RECALL, (ndcg, recall)
