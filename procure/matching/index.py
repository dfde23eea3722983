"""In-memory supplier index: per-supplier features precomputed once, shared read-only.

Layout (why): everything the scorer reads per query is a numpy array indexed by row, so a query
is a handful of vector operations over the candidate rows instead of a Python loop over 100k
suppliers; token postings are a CSR inverted index (plus a small delta for upserts) so lexical
overlap costs only the postings of the tender's tokens. Rows are append-only: an update
deactivates the old row and appends a new one, a removal deactivates; ``compact()`` rebuilds.
The whole state pickles to one file (``save``/``load``), and after ``load`` in a parent process
forked web workers share the arrays copy-on-write.
"""

from __future__ import annotations

import hashlib
import math
import pickle
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from procure import geo
from procure.matching import scoring
from procure.matching.eco import ECO_PRACTICES
from procure.matching.roles import ROLE_TEXT
from procure.matching.trades import TRADE_TABLE, analyse, quote_at
from procure.matching.trades_data import TRADES
from procure.matching.types import SupplierDoc

FORMAT_VERSION = 5
# Arrays with one row per supplier: grown together, saved and loaded together.
ROW_ARRAYS = ("flags", "active", "national", "eco_count", "has_trade")
# Arrays with one column per supplier and one row per trade, département or région: a query
# reads a few whole rows (each contiguous) instead of a strided column of a wide matrix.
COLUMN_ARRAYS = ("trade_by_col", "dep_by_col", "region_by_col")
# Saved indexes hold detected trades: any change of the vocabulary makes them stale.
VOCABULARY = hashlib.sha1(
    repr((TRADES, ECO_PRACTICES, ROLE_TEXT)).encode(), usedforsecurity=False
).hexdigest()[:16]
_DOC_FIELDS = tuple(SupplierDoc.__dataclass_fields__)
_DESCRIPTION = _DOC_FIELDS.index("description")
TRADE_CODES: tuple[str, ...] = tuple(TRADE_TABLE)
TRADE_COL = {c: i for i, c in enumerate(TRADE_CODES)}
DEP_COL = {c: i for i, c in enumerate(geo.DEPARTMENT_CODES)}
REGION_COL = {c: i for i, c in enumerate(geo.REGIONS)}


class MatchIndex:
    """Suppliers prepared for ranking; build with :meth:`build` or :meth:`load`."""

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.records: list[tuple | None] = []  # SupplierDoc fields: tuples pickle fast
        self.ids: list[int] = []
        self.texts: list[str] = []
        self.eco: list[tuple[str, ...]] = []
        self.cpv: list[tuple[str, ...]] = []
        # where each trade read in the description is shown: uint32 (trade column, sentence,
        # first word, last word) rows as bytes, so quoting a match reads one sentence
        self.evidence: list[bytes] = []
        self.row_of: dict[int, int] = {}
        self.flags = np.zeros(capacity, np.uint16)
        self.active = np.zeros(capacity, bool)
        self.national = np.zeros(capacity, bool)
        self.eco_count = np.zeros(capacity, np.uint8)
        self.has_trade = np.zeros(capacity, bool)
        self.trade_by_col = np.zeros((len(TRADE_CODES), capacity), np.float32)
        self.dep_by_col = np.zeros((len(DEP_COL), capacity), bool)
        self.region_by_col = np.zeros((len(REGION_COL), capacity), bool)
        self.vocab: dict[str, int] = {}
        self.indptr = np.zeros(1, np.int64)
        self.indices = np.zeros(0, np.int32)
        self.delta: dict[int, list[int]] = {}

    # ----------------------------------------------------------------- building
    @classmethod
    def build(cls, docs: Iterable[SupplierDoc]) -> MatchIndex:
        """Index suppliers (later duplicates of an id replace earlier ones)."""
        docs = list(docs)
        index = cls(capacity=max(1024, len(docs)))
        for doc in docs:
            index.upsert(doc)
        index._freeze()
        return index

    def __len__(self) -> int:
        return len(self.row_of)

    def _grow(self) -> None:
        cap = max(1024, 2 * len(self.flags))
        for name in ROW_ARRAYS:
            old = getattr(self, name)
            new = np.zeros((cap, *old.shape[1:]), old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        for name in COLUMN_ARRAYS:
            old = getattr(self, name)
            new = np.zeros((old.shape[0], cap), old.dtype)
            new[:, : old.shape[1]] = old
            setattr(self, name, new)

    def upsert(self, doc: SupplierDoc) -> None:
        """Add or replace a supplier; the next query sees it."""
        old = self.row_of.get(doc.id)
        if old is not None:
            self._deactivate(old)
        if self.n == len(self.flags):
            self._grow()
        row = self.n
        self.n += 1
        self.row_of[doc.id] = row
        self.records.append(tuple(getattr(doc, f) for f in _DOC_FIELDS))
        self.ids.append(doc.id)
        found = analyse(doc.description or "", tuple(doc.cpv_codes))
        toks = found.tokens
        self.texts.append(" ".join(toks))
        eco = found.eco
        self.eco.append(eco)
        self.cpv.append(scoring.clean_cpv(doc.cpv_codes))
        self.evidence.append(
            np.array(
                [(TRADE_COL[c], *where) for c, *where in found.evidence if c in TRADE_COL],
                np.uint32,
            ).tobytes()
        )
        self.flags[row] = scoring.supplier_flags(doc)
        self.active[row] = True
        self.eco_count[row] = min(len(eco), 255)
        for code, strength in scoring.scale_supplier_trades(dict(found.trades)).items():
            self.trade_by_col[TRADE_COL[code], row] = strength
            self.has_trade[row] = True
        codes, national = scoring.area_codes(doc.departments)
        self.national[row] = national
        for code in codes:
            self.dep_by_col[DEP_COL[code], row] = True
            region = geo.region_of(code)
            if region:
                self.region_by_col[REGION_COL[region], row] = True
        for tok in set(toks):
            tid = self.vocab.setdefault(tok, len(self.vocab))
            self.delta.setdefault(tid, []).append(row)

    def remove(self, supplier_id: int) -> bool:
        """Forget a supplier; False when it was not indexed."""
        row = self.row_of.pop(supplier_id, None)
        if row is None:
            return False
        self._deactivate(row)
        return True

    def _deactivate(self, row: int) -> None:
        self.active[row] = False
        self.records[row] = None
        self.texts[row] = ""
        self.evidence[row] = b""

    def freeze(self) -> None:
        """Merge the postings of upserted suppliers into the compact arrays (faster queries)."""
        self._freeze()

    def _freeze(self) -> None:
        """Merge delta postings into the CSR arrays."""
        if self.delta:
            self.indptr, self.indices = self.merged_postings()
            self.delta = {}

    def merged_postings(self) -> tuple[np.ndarray, np.ndarray]:
        """The CSR arrays (indptr, indices) with the delta postings merged in, computed
        without changing the index: a caller that alone adds suppliers can compute them
        beside running queries, then swap them in with the delta emptied."""
        n_tok = len(self.vocab)
        lists: list[np.ndarray] = []
        counts = np.zeros(n_tok, np.int64)
        old_counts = np.diff(self.indptr)
        for tid in range(n_tok):
            base = (
                self.indices[self.indptr[tid] : self.indptr[tid + 1]]
                if tid < len(old_counts)
                else np.zeros(0, np.int32)
            )
            extra = self.delta.get(tid)
            arr = np.concatenate([base, np.asarray(extra, np.int32)]) if extra else base
            lists.append(arr)
            counts[tid] = len(arr)
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return indptr, np.concatenate(lists).astype(np.int32) if lists else self.indices

    def doc(self, row: int) -> SupplierDoc | None:
        """The supplier stored at a row (None once replaced or removed)."""
        rec = self.records[row]
        return SupplierDoc(*rec) if rec is not None else None

    # ----------------------------------------------------------------- querying
    def postings(self, token: str) -> np.ndarray:
        """Rows whose text holds a token (may include inactive rows)."""
        tid = self.vocab.get(token)
        if tid is None:
            return np.zeros(0, np.int32)
        base = (
            self.indices[self.indptr[tid] : self.indptr[tid + 1]]
            if tid + 1 < len(self.indptr)
            else np.zeros(0, np.int32)
        )
        extra = self.delta.get(tid)
        return np.concatenate([base, np.asarray(extra, np.int32)]) if extra else base

    def lexical(self, query_tokens: Iterable[str]) -> np.ndarray:
        """IDF-weighted share of the query's tokens each row contains (0-1), common words out.

        One weighted count over the tokens' postings, summed in double precision (in the
        same order whatever the process's string hashing)."""
        total = 0.0
        n_docs = max(len(self), 1)
        postings, idfs, counts = [], [], []
        for tok in sorted(set(query_tokens)):
            rows = self.postings(tok)
            df = len(rows)
            if df == 0 or (n_docs >= 50 and df > 0.3 * n_docs):
                continue
            idf = math.log(1.0 + n_docs / df)
            postings.append(rows)
            idfs.append(idf)
            counts.append(df)
            total += idf
        if not total:
            return np.zeros(self.n, np.float32)
        # each posting weighted by its token's idf: one repeat instead of an array per token
        weights = np.repeat(np.array(idfs), counts)
        scores: np.ndarray = np.bincount(np.concatenate(postings), weights, self.n)
        return np.divide(scores, total, out=scores).astype(np.float32)

    def quotes(self, row: int, codes: Iterable[str]) -> dict[str, str]:
        """Trade -> the words of the row's description that show it, for those of ``codes``
        read there (the quotes of :func:`~procure.matching.trades.trade_evidence`)."""
        found = np.frombuffer(self.evidence[row], np.uint32).reshape(-1, 4)
        rec = self.records[row]
        if not len(found) or rec is None:
            return {}
        wanted = {TRADE_COL[c] for c in codes if c in TRADE_COL}
        text = rec[_DESCRIPTION] or ""
        return {
            TRADE_CODES[col]: quote_at(text, int(sentence), int(first), int(last))
            for col, sentence, first, last in found.tolist()
            if col in wanted
        }

    def trades_of(self, row: int) -> dict[str, float]:
        """Trade strengths of a row."""
        strengths = self.trade_by_col[:, row]
        return {TRADE_CODES[i]: float(strengths[i]) for i in np.flatnonzero(strengths)}

    @property
    def trade(self) -> np.ndarray:
        """Trade strengths as (row, trade column): a view of :attr:`trade_by_col`."""
        return self.trade_by_col.T

    # ----------------------------------------------------------------- persistence
    def save(self, path: str | Path) -> None:
        """Write the index to one file (pickle of compact arrays; our own files only)."""
        self._freeze()
        n = self.n
        state = {
            "version": FORMAT_VERSION,
            "vocabulary": VOCABULARY,
            "trades": TRADE_CODES,
            "n": n,
            "records": self.records,
            "ids": self.ids,
            "texts": self.texts,
            "eco": self.eco,
            "cpv": self.cpv,
            "evidence": self.evidence,
            "row_of": self.row_of,
            **{name: getattr(self, name)[:n] for name in ROW_ARRAYS},
            **{name: np.ascontiguousarray(getattr(self, name)[:, :n]) for name in COLUMN_ARRAYS},
            "vocab": self.vocab,
            "indptr": self.indptr,
            "indices": self.indices,
        }
        tmp = Path(path).with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump(state, f, protocol=5)
        tmp.replace(path)

    @classmethod
    def load(cls, path: str | Path) -> MatchIndex:
        """Read a file written by :meth:`save`; ValueError when the format differs."""
        with open(path, "rb") as f:
            state = pickle.load(f)  # noqa: S301 - files written by save() only
        if (
            state.get("version") != FORMAT_VERSION
            or state.get("vocabulary") != VOCABULARY
            or tuple(state["trades"]) != TRADE_CODES
        ):
            raise ValueError(f"{path}: index built by another version, rebuild it")
        index = cls(capacity=1)
        for key in (
            "n",
            "records",
            "ids",
            "texts",
            "eco",
            "cpv",
            "evidence",
            "row_of",
            *ROW_ARRAYS,
            *COLUMN_ARRAYS,
            "vocab",
            "indptr",
            "indices",
        ):
            setattr(index, key, state[key])
        return index
