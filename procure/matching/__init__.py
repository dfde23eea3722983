"""Matching of SSE suppliers to public tenders, in plain Python (no Flask, no database).

Public API: ``procure.matching.types`` (dataclasses), ``procure.matching.engine`` (MatchIndex,
rank, rank_tenders_for_supplier, tender_trades, supplier_trades, trade_label, all_trades),
``procure.geo``. Kept import-free here so that importing the dataclasses stays cheap.
"""
