"""Ranking: suppliers for a tender (shortlists) and tenders for a supplier ("for you").

Pipeline per query: tender features once (trades, area, clause needs, tokens); vectorised
features over candidate rows (eligibility and area from boolean matrices, trade overlap from the
trade matrix, lexical overlap from the inverted index); a bounded set of best candidates is then
re-scored with rapidfuzz and explained. Ineligible suppliers never enter the candidate set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz, process

from procure import geo
from procure.matching import scoring
from procure.matching.index import DEP_COL, REGION_COL, TRADE_CODES, TRADE_COL, MatchIndex
from procure.matching.reasons import Reason
from procure.matching.text import tokens
from procure.matching.trades import TRADE_TABLE, all_trades, families, trade_evidence, trade_label
from procure.matching.types import Lot, Match, SupplierDoc, TenderDoc

RESCORE_MAX = 200
# Skip the text similarity of rows that cannot reach the shortlist (see _may_rank); the
# rankings are the same with it off (tests/matching/test_fast_path.py).
PRUNE = True
# the same région only is "à explorer": labels grade it as the exact service elsewhere
IN_AREA = frozenset({"area_national_tender", "area_department", "area_national"})
# Calibrated on the dev sets' grades (>= 2 relevant): a tender trade at least this strong
# relative to its main trade, offered at least this strongly by the supplier.
RELEVANT_TENDER_TRADE = 0.7
RELEVANT_SUPPLIER_TRADE = 0.5
RELEVANT_SERVICE = 0.45
# likely-relevant rows whose trade turns out unquotable make room for the next ones
RELEVANCE_SLACK = 5


@dataclass(frozen=True, slots=True)
class TenderQuery:
    """Everything about a tender the scorer needs, computed once per query."""

    trades: dict[str, float]
    siblings: dict[str, float]
    departments: tuple[str, ...]
    regions: tuple[str, ...]
    national: bool
    needs: scoring.ClauseNeeds
    tokens: tuple[str, ...]
    text: str
    title: str
    cpv: tuple[str, ...]


def prepare(tender: TenderDoc) -> TenderQuery:
    """Tender features: detected (or overridden) trades and their sibling trades."""
    trades = scoring.tender_trade_strengths(tender)
    siblings: dict[str, float] = {}
    for code, strength in trades.items():
        primary = families(code)[:1]
        for other, trade in TRADE_TABLE.items():
            if other != code and primary and primary[0] == trade.families[0]:
                siblings[other] = max(siblings.get(other, 0.0), strength * scoring.FAMILY_FACTOR)
    deps, national = scoring.area_codes(tender.departments)
    regions = tuple(dict.fromkeys(r for r in (geo.region_of(d) for d in deps) if r))
    toks = tokens(f"{tender.title}. {scoring.tender_text(tender)}")
    return TenderQuery(
        trades,
        siblings,
        deps,
        regions,
        national,
        scoring.clause_needs(tender),
        tuple(toks),
        " ".join(toks),
        " ".join(tokens(tender.title)),
        scoring.clean_cpv(tender.cpv_codes),
    )


def tender_trades(tender: TenderDoc, lang: str = "fr") -> list[tuple[str, str, float]]:
    """(code, label, strength 0-1) of the tender's trades, strongest first."""
    trades = scoring.tender_trade_strengths(tender)
    return [
        (c, trade_label(c, lang), round(s, 2))
        for c, s in sorted(trades.items(), key=lambda x: -x[1])
    ]


def tender_trade_quotes(tender: TenderDoc) -> dict[str, str]:
    """Trade -> the tender's own words it was read in (title, description or lot titles)."""
    found = trade_evidence(scoring.tender_text(tender), tender.title or "")
    return {code: quote for code, (quote, _weight) in found.items()}


def supplier_trades(doc: SupplierDoc, lang: str = "fr") -> list[tuple[str, str, float]]:
    """(code, label, strength 0-1) of what a supplier offers, strongest first."""
    trades = scoring.supplier_trades(doc)
    return [
        (c, trade_label(c, lang), round(s, 2))
        for c, s in sorted(trades.items(), key=lambda x: -x[1])
    ]


def _area_hits(index: MatchIndex, q: TenderQuery, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows serving one of the tender's départements, and rows in one of its régions."""
    dep_hit = np.zeros(n, bool)
    for d in q.departments:
        dep_hit |= index.dep_by_col[DEP_COL[d], :n]
    reg_hit = np.zeros(n, bool)
    for r in q.regions:
        reg_hit |= index.region_by_col[REGION_COL[r], :n]
    return dep_hit, reg_hit


def _features(
    index: MatchIndex, q: TenderQuery, limit: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Candidate rows (eligible, in the area first) and their features, aligned with the rows.

    Area comes first because it is the cheapest and most selective filter: a département
    tender keeps its région's and national suppliers (about a tenth of the index). Only when
    fewer than ``limit`` of them offer anything related does the search look further away.
    """
    n = index.n
    ok = index.active[:n].copy()
    if q.needs.required_mask:
        ok &= (index.flags[:n] & q.needs.required_mask) != 0
    lexical = index.lexical(q.tokens)
    if q.national:
        rows = np.flatnonzero(ok)
        return _subset(index, q, rows, np.ones(len(rows), np.float32), lexical)
    dep_hit, reg_hit = _area_hits(index, q, n)
    nat = index.national[:n]
    near = dep_hit | reg_hit | nat
    rows = np.flatnonzero(ok & near)
    area = np.where(
        dep_hit[rows],
        scoring.AREA_DEPARTMENT,
        np.where(nat[rows], scoring.AREA_NATIONAL, scoring.AREA_REGION),
    )
    rows, f = _subset(index, q, rows, area.astype(np.float32), lexical)
    if int((f["service"] > 0).sum()) < limit:
        far = np.flatnonzero(ok & ~near)
        far_rows, g = _subset(
            index, q, far, np.full(len(far), scoring.AREA_ELSEWHERE, np.float32), lexical
        )
        rows = np.concatenate([rows, far_rows])
        f = {k: np.concatenate([f[k], g[k]]) for k in f}
    return rows, f


def _subset(
    index: MatchIndex,
    q: TenderQuery,
    rows: np.ndarray,
    area: np.ndarray,
    lexical_all: np.ndarray,
    keep_all: bool = False,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Trade, clause and lexical features of some rows; rows without any evidence dropped
    (unless ``keep_all``)."""
    lexical = lexical_all[rows]
    flags = index.flags[rows]
    fallback = np.clip(1.6 * lexical, 0.0, 1.0)
    if q.trades:
        cols = [TRADE_COL[c] for c in q.trades if c in TRADE_COL]
        weights = np.array([q.trades[c] for c in q.trades if c in TRADE_COL], np.float32)
        service = 0.7 * _best(index, cols, weights, rows) + 0.3 * _sum(
            index, cols, weights, rows
        ) / max(weights.sum(), 1e-6)
        if q.siblings:
            scols = [TRADE_COL[c] for c in q.siblings]
            sw = np.array(list(q.siblings.values()), np.float32)
            service = np.maximum(service, _best(index, scols, sw, rows))
        service = np.where(index.has_trade[rows], service, 0.6 * fallback)
    else:
        service = fallback
    needs = q.needs
    clause = np.zeros(len(rows), np.float32)
    if needs.insertion:
        clause += (flags & scoring.INSERTION_MASK) != 0
    if needs.social:
        clause += (flags & scoring.SOCIAL_MASK) != 0
    if needs.environmental:
        clause += index.eco_count[rows] > 0
    base = 2.0 * service * area
    pre = base + scoring.CLAUSE_POINT * clause * np.minimum(1.0, base) + 0.15 * lexical
    keep = (service > 0) | (lexical > 0) | keep_all
    return rows[keep], {
        "pre": pre[keep],
        "service": service[keep],
        "area": area[keep],
        "clause": clause[keep],
        "lexical": lexical[keep],
    }


def _weighted(index: MatchIndex, col: int, weight: np.float32, rows: np.ndarray) -> np.ndarray:
    """One trade's strengths at some rows, times the tender's weight (one contiguous row of
    the trade matrix read: a fancy index over several trades at once cost 3-4 times more)."""
    return index.trade_by_col[col].take(rows) * weight


def _best(index: MatchIndex, cols: list[int], weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row, the largest weighted strength over the trades (``max`` is exact in any order)."""
    out = _weighted(index, cols[0], weights[0], rows)
    for col, weight in zip(cols[1:], weights[1:], strict=True):
        np.maximum(out, _weighted(index, col, weight, rows), out=out)
    return out


# numpy sums a short contiguous axis left to right (its pairwise summation starts at 8 terms):
# up to this many trades the column-wise sum below is the same, bit for bit, as summing the
# (rows, trades) matrix along its trades (tests/matching/test_fast_path.py checks it).
SEQUENTIAL_SUM = 7


def _sum(index: MatchIndex, cols: list[int], weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row, the sum of the weighted strengths, in the order numpy's row sum adds them."""
    if len(cols) > SEQUENTIAL_SUM:
        sub = np.ascontiguousarray(index.trade_by_col[np.array(cols)[:, None], rows].T)
        return (sub * weights).sum(axis=1)
    out = _weighted(index, cols[0], weights[0], rows)
    for col, weight in zip(cols[1:], weights[1:], strict=True):
        out += _weighted(index, col, weight, rows)
    return out


def rank(index: MatchIndex, tender: TenderDoc, limit: int = 20) -> list[Match]:
    """Eligible suppliers for a tender, relevant first, with scores 0-100 and reasons.

    A tender with lots is the merge of its lots' shortlists (see :func:`rank_with_lots`).
    """
    return rank_with_lots(index, tender, limit)[0]


@dataclass(frozen=True, slots=True)
class LotShortlist:
    """The shortlist of one lot: ``number`` is the lot's position in the tender, from 1."""

    number: int
    title: str
    matches: list[Match]


def lot_tender(tender: TenderDoc, lot: Lot) -> TenderDoc:
    """One lot as a tender of its own: its words, the tender's clauses plus its own (a lot's
    reservation applies to that lot only). The tender's title helps only a lot whose own
    words name no trade."""
    title = lot.title
    if not scoring.tender_trade_strengths(
        TenderDoc("", lot.title, lot.description, tender.cpv_codes, tender.departments)
    ):
        title = f"{tender.title}. {lot.title}"
    return TenderDoc(
        reference=tender.reference,
        title=title,
        description=lot.description,
        cpv_codes=tender.cpv_codes,
        departments=tender.departments,
        clauses=tender.clauses + lot.clauses,
        trades_override=tender.trades_override,
    )


def rank_with_lots(
    index: MatchIndex, tender: TenderDoc, limit: int = 20
) -> tuple[list[Match], list[LotShortlist]]:
    """The tender's shortlist and, for a tender with lots, each lot's own shortlist.

    With lots, a supplier's line in the tender's shortlist is its best line over the lots,
    naming the lot(s) where it is relevant (or, when relevant nowhere, where it was listed).
    """
    if limit <= 0 or index.n == 0:
        return [], []
    if not tender.lots:
        return _rank_prepared(index, prepare(tender), tender, limit), []
    lots = []
    for number, lot in enumerate(tender.lots, 1):
        doc = lot_tender(tender, lot)
        lots.append(
            LotShortlist(number, lot.title, _rank_prepared(index, prepare(doc), doc, limit))
        )
    best: dict[int, Match] = {}
    fits: dict[int, list[int]] = {}
    for lot_list in lots:
        for m in lot_list.matches:
            fits.setdefault(m.supplier_id, []).append(lot_list.number)
            old = best.get(m.supplier_id)
            if old is None or (m.relevant, m.score) > (old.relevant, old.score):
                best[m.supplier_id] = m
    merged = []
    for sid, m in best.items():
        relevant_in = [
            lot_list.number
            for lot_list in lots
            for x in lot_list.matches
            if x.supplier_id == sid and x.relevant
        ]
        numbers = tuple(relevant_in or fits[sid])
        reasons = (m.reasons[0], Reason("lots", {"lots": list(numbers)}), *m.reasons[1:])
        merged.append(replace(m, reasons=reasons, lots=numbers))
    merged.sort(key=lambda m: (not m.relevant, -m.score, m.supplier_id))
    return merged[:limit], lots


def _rank_prepared(index: MatchIndex, q: TenderQuery, tender: TenderDoc, limit: int) -> list[Match]:
    rows, f = _features(index, q, limit)
    if len(rows) == 0:
        return []
    keep = min(len(rows), max(RESCORE_MAX, limit))
    if len(rows) > keep:
        part = np.argpartition(-f["pre"], keep - 1)[:keep]
        rows = rows[part]
        f = {k: v[part] for k, v in f.items()}
    cpv = np.zeros(len(rows), np.float32)
    cpv_codes = [""] * len(rows)
    if q.cpv:
        seen: dict[tuple[str, ...], tuple[float, str]] = {}  # suppliers often share codes
        for i, r in enumerate(rows):
            codes = index.cpv[r]
            if codes:
                if codes not in seen:
                    seen[codes] = scoring.cpv_proximity(q.cpv, codes)
                cpv[i], cpv_codes[i] = seen[codes]
    likely = _likely_relevant(index, q, rows, f["area"], f["service"])
    wanted = limit + RELEVANCE_SLACK
    if PRUNE and len(rows) > wanted:
        kept = _may_rank(f, cpv, likely, wanted)
        rows, cpv, likely = rows[kept], cpv[kept], likely[kept]
        cpv_codes = [cpv_codes[i] for i in np.flatnonzero(kept)]
        f = {k: v[kept] for k, v in f.items()}
    choices = [index.texts[r] for r in rows]
    # one call for both (each choice prepared once): the same scores as two calls
    both = process.cdist(
        choices, [q.text, q.title or q.text], scorer=fuzz.token_set_ratio, dtype=np.float32
    )
    full, title = both[:, 0], both[:, 1]
    text = (0.5 * full + 0.5 * title) / 100.0
    scores = scoring.combine(f["service"], f["area"], f["clause"], text, cpv, f["lexical"])
    ids = np.array([index.ids[r] for r in rows])
    order = np.lexsort((ids, -scores, ~likely))[:wanted]
    matches = [
        _match(
            index,
            q,
            int(rows[i]),
            round(float(scores[i]), 1),
            float(cpv[i]),
            cpv_codes[i],
            f["service"][i],
        )
        for i in order
    ]
    matches.sort(key=lambda m: not m.relevant)  # stable: score order within each group
    return matches[:limit]


def _may_rank(
    f: dict[str, np.ndarray], cpv: np.ndarray, likely: np.ndarray, wanted: int
) -> np.ndarray:
    """Rows that may be among the ``wanted`` first, before the text similarity is computed.

    The score grows with the text similarity (0-1), so each row's score lies between its
    score with similarity 0 and with similarity 1 (same rounding). The ``wanted``-th row by
    (likely relevant, lowest score) sets a bar: a row whose highest score is below it has
    ``wanted`` rows ahead of it whatever the texts, and is never ranked."""
    args = (f["service"], f["area"], f["clause"])
    low = scoring.combine(*args, np.zeros(len(cpv), np.float32), cpv, f["lexical"])
    high = scoring.combine(*args, np.ones(len(cpv), np.float32), cpv, f["lexical"])
    bar = np.lexsort((-low, ~likely))[wanted - 1]
    return (likely & ~likely[bar]) | ((likely == likely[bar]) & (high >= low[bar]))


def _likely_relevant(
    index: MatchIndex, q: TenderQuery, rows: np.ndarray, area: np.ndarray, service: np.ndarray
) -> np.ndarray:
    """Vectorised pre-check of :func:`_relevant` (the quote is checked on the few kept)."""
    strong = np.array(
        [TRADE_COL[c] for c, s in q.trades.items() if s >= RELEVANT_TENDER_TRADE], np.intp
    )
    if not len(strong):
        return np.zeros(len(rows), bool)
    trade_ok = (index.trade_by_col[strong[:, None], rows] >= RELEVANT_SUPPLIER_TRADE).any(axis=0)
    return trade_ok & (area >= scoring.AREA_NATIONAL) & (service >= RELEVANT_SERVICE)


def _area_reason(index: MatchIndex, q: TenderQuery, row: int) -> Reason:
    """Read from the row's area matrices, built from the same département codes."""
    if q.national:
        return Reason("area_national_tender")
    shared_deps = [d for d in q.departments if index.dep_by_col[DEP_COL[d], row]]
    if shared_deps:
        return Reason("area_department", {"department": shared_deps[0]})
    if index.national[row]:
        return Reason("area_national")
    same = [r for r in q.regions if index.region_by_col[REGION_COL[r], row]]
    if same:
        return Reason("area_region", {"region": same[0]})
    return Reason("area_outside")


def _trade_reasons(
    index: MatchIndex, q: TenderQuery, offered: dict[str, float], row: int
) -> list[Reason]:
    """The tender's trades this supplier shows in its own words (or confirmed), with the
    quote; a trade read only from a weak or unquotable cue is not claimed."""
    wanted = [c for c in sorted(q.trades, key=lambda c: -q.trades[c]) if offered.get(c, 0) >= 0.2]
    quotes = index.quotes(row, wanted) if wanted else {}
    out = [Reason("trade", {"trade": c, "quote": quotes[c]}) for c in wanted if c in quotes]
    if out:
        return out[:3]
    # only quoted when no trade of the tender itself is: a related trade is a lesser claim
    related = [
        c for c in sorted(q.siblings, key=lambda c: -q.siblings[c]) if offered.get(c, 0) >= 0.3
    ]
    quotes = index.quotes(row, related) if related else {}
    return [
        Reason("related_trade", {"trade": c, "quote": quotes[c]}) for c in related if c in quotes
    ][:2]


def _match(
    index: MatchIndex,
    q: TenderQuery,
    row: int,
    score: float,
    cpv: float,
    cpv_code: str,
    service: float = 1.0,
) -> Match:
    doc = index.doc(row)
    assert doc is not None
    flags = int(index.flags[row])
    reasons: list[Reason] = [_area_reason(index, q, row)]
    elig = scoring.eligibility_reason(
        flags, doc.inclusion_kinds, doc.legal_form, doc.esus, q.needs.required_mask
    )
    if elig:
        reasons.append(elig)
    offered = _offered(index, q, row)
    trades = _trade_reasons(index, q, offered, row)
    reasons.extend(trades)
    needs = q.needs
    if needs.insertion and flags & scoring.INSERTION_MASK:
        reasons.append(scoring.insertion_reason(doc.inclusion_kinds, needs.insertion_hours))
    if needs.social and flags & scoring.SOCIAL_MASK:
        reasons.append(scoring.social_reason(doc.inclusion_kinds, flags))
    if needs.environmental and index.eco[row]:
        reasons.append(Reason("eco", {"practices": list(index.eco[row][:3])}))
    if cpv >= 0.75 and cpv_code:
        reasons.append(Reason("cpv", {"code": cpv_code}))
    relevant = bool(service >= RELEVANT_SERVICE) and _relevant(q, offered, trades, reasons[0], cpv)
    return Match(doc.id, doc.siret, doc.name, score, tuple(reasons), relevant)


def _offered(index: MatchIndex, q: TenderQuery, row: int) -> dict[str, float]:
    """How strongly the row offers each trade the reasons and the relevance read (the
    tender's trades and their siblings): the same values as ``index.trades_of(row)`` for
    those, without reading the row's whole trade column (one cache miss per trade)."""
    matrix = index.trade_by_col
    return {c: float(matrix[TRADE_COL[c], row]) for c in (*q.trades, *q.siblings) if c in TRADE_COL}


def _relevant(
    q: TenderQuery, offered: dict[str, float], trades: list[Reason], area: Reason, cpv: float
) -> bool:
    """Does the supplier do what the tender asks, where it asks? The exact trade (quoted in
    its description, or its declared CPV codes on the tender's) and the tender's area
    (its département, national coverage, or any area for a national tender)."""
    if area.code not in IN_AREA:
        return False
    quoted = {r.params["trade"] for r in trades if r.code == "trade"}
    strong = [
        c
        for c, s in q.trades.items()
        if s >= RELEVANT_TENDER_TRADE and offered.get(c, 0.0) >= RELEVANT_SUPPLIER_TRADE
    ]
    # a trade not quotable from the description counts when the supplier declared its CPV
    return any(c in quoted for c in strong) or (bool(strong) and cpv >= 0.75)


def insertion_partners(index: MatchIndex, tender: TenderDoc, limit: int = 5) -> list[Match]:
    """Insertion structures (SIAE, GEIQ) near the place of a tender with an insertion clause,
    shown beside the shortlist, not inside it: they can provide the insertion hours by
    subcontracting or placing staff whatever their trade. Nearest first (département, then
    région), then those closest to the trade; empty without an insertion clause."""
    q = prepare(tender)
    if not q.needs.insertion or limit <= 0 or index.n == 0 or q.national:
        return []
    n = index.n
    ok = index.active[:n] & ((index.flags[:n] & scoring.INSERTION_MASK) != 0)
    if q.needs.required_mask:
        ok &= (index.flags[:n] & q.needs.required_mask) != 0
    dep_hit, reg_hit = _area_hits(index, q, n)
    rows = np.flatnonzero(ok & (dep_hit | reg_hit))
    if len(rows) == 0:
        return []
    area = np.where(dep_hit[rows], scoring.AREA_DEPARTMENT, scoring.AREA_REGION)
    rows, f = _subset(index, q, rows, area.astype(np.float32), index.lexical(q.tokens), True)
    order = np.lexsort((np.array([index.ids[r] for r in rows]), -f["service"], -f["area"]))
    out = []
    for i in order[:limit]:
        row = int(rows[i])
        doc = index.doc(row)
        assert doc is not None
        reasons = (
            _area_reason(index, q, row),
            scoring.insertion_reason(doc.inclusion_kinds, q.needs.insertion_hours),
        )
        out.append(Match(doc.id, doc.siret, doc.name, 0.0, reasons, False))
    return out


def rank_tenders_for_supplier(
    supplier: SupplierDoc, tenders: Sequence[TenderDoc], limit: int = 20
) -> list[tuple[TenderDoc, float, tuple[Reason, ...]]]:
    """Tenders a supplier may bid on, best first, with the same scorer as shortlists."""
    index = MatchIndex.build([supplier])
    out: list[tuple[TenderDoc, float, tuple[Reason, ...]]] = []
    for tender in tenders:
        found = rank(index, tender, limit=1)
        if found and found[0].score > 0:
            out.append((tender, found[0].score, found[0].reasons))
    out.sort(key=lambda x: (-x[1], x[0].reference))
    return out[: max(limit, 0)]


__all__ = [
    "TRADE_CODES",
    "MatchIndex",
    "all_trades",
    "rank",
    "rank_tenders_for_supplier",
    "supplier_trades",
    "tender_trades",
    "trade_label",
]
