"""The facilitator's dashboard: what waits for them across the features (it reads suppliers,
tenders and accounts, so it sits above them, not in `core`)."""
