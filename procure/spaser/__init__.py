"""Spaser reporting: contracts (DECP and procure's own awards), insertion hours, the annual
figures, the dashboard and the renewal radar."""
