"""Open Contracting Data Standard: tenders in and out."""
