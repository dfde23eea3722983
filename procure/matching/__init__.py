"""Matching of SSE suppliers to public tenders, in plain Python (no Flask, no database)."""
