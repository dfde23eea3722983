"""The fast paths answer what the straightforward computations answer: quotes located once at
build time are the quotes `trade_evidence` reads from the whole description, and skipping the
text similarity of rows that cannot rank changes no shortlist."""

import sys

import numpy as np
import pytest
from conftest import REPO, supplier

from procure.matching import engine
from procure.matching.bench import generate_suppliers, generate_tenders
from procure.matching.engine import MatchIndex
from procure.matching.index import TRADE_CODES
from procure.matching.trades import trade_evidence
from procure.matching.types import SupplierDoc

sys.path.insert(0, str(REPO / "scripts"))
from eval_dev import load_suppliers


def _assert_quotes_as_read(docs: list[SupplierDoc]) -> int:
    index = MatchIndex.build(docs)
    quoted = 0
    for doc in docs:
        read = {code: quote for code, (quote, _w) in trade_evidence(doc.description).items()}
        assert index.quotes(index.row_of[doc.id], TRADE_CODES) == read, doc.description
        quoted += len(read)
    return quoted


def test_located_quotes_equal_the_evidence_read_from_generated_descriptions():
    assert _assert_quotes_as_read(generate_suppliers(400, seed=7)) > 400


@pytest.mark.parametrize("name", ["dev", "dev2"])
def test_located_quotes_equal_the_evidence_read_from_the_dev_sets(shared_dir, name):
    base = shared_dir / "eval" / name
    if not (base / "suppliers.csv").exists():
        pytest.skip(f"no {base}")
    assert _assert_quotes_as_read(list(load_suppliers(base / "suppliers.csv"))) > 100


def test_a_replaced_supplier_is_quoted_from_its_new_description():
    index = MatchIndex.build([supplier(1, "Tonte des pelouses et taille des haies.")])
    index.upsert(supplier(1, "Nettoyage de bureaux."))
    row = index.row_of[1]
    assert index.quotes(row, TRADE_CODES) == {"nettoyage_locaux": "Nettoyage de bureaux"}
    assert index.quotes(0, TRADE_CODES) == {}


def test_skipping_rows_that_cannot_rank_leaves_every_shortlist_unchanged(monkeypatch):
    """The text similarity is computed only for rows that may reach the shortlist: the same
    lines, scores, reasons and order as computing it for every re-scored row."""
    index = MatchIndex.build(generate_suppliers(1500, seed=3))
    tenders = generate_tenders(60, seed=4)
    pruned = []
    may_rank = engine._may_rank

    def counting(*args):
        kept = may_rank(*args)
        pruned.append(int((~kept).sum()))
        return kept

    monkeypatch.setattr(engine, "_may_rank", counting)
    fast = [engine.rank_with_lots(index, t, 10) for t in tenders]
    monkeypatch.setattr(engine, "PRUNE", False)
    assert fast == [engine.rank_with_lots(index, t, 10) for t in tenders]
    assert sum(pruned) > 1000  # rows were skipped: the comparison is not vacuous


@pytest.mark.parametrize("trades", range(1, engine.SEQUENTIAL_SUM + 3))
def test_column_wise_service_sums_equal_the_row_sums_bit_for_bit(trades):
    """The service feature reads one trade column at a time: its max and sum must be the very
    floats the (rows, trades) matrix gives, or a tie could flip a shortlist's order."""
    rng = np.random.default_rng(trades)
    index = MatchIndex(capacity=5000)
    scale = rng.choice(np.array([1.0, 1e-3, 1e3], np.float32), index.trade_by_col.shape)
    index.trade_by_col = rng.random(index.trade_by_col.shape, np.float32) * scale
    cols = [int(c) for c in rng.choice(len(TRADE_CODES), trades, replace=False)]
    weights = rng.random(trades, np.float32)
    rows = np.sort(rng.choice(5000, 3000, replace=False))
    matrix = np.ascontiguousarray(index.trade_by_col[np.array(cols)[:, None], rows].T) * weights
    assert np.array_equal(engine._sum(index, cols, weights, rows), matrix.sum(axis=1))
    assert np.array_equal(engine._best(index, cols, weights, rows), matrix.max(axis=1))
