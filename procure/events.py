"""Signals a feature sends when something happened that another feature acts on.

The sender is the SQLAlchemy session the change was made in: a receiver writes in the same
transaction (the status e-mails are queued in the outbox by the very commit that validates
a tender or verifies a structure, so there is no decision without its e-mail, nor the
reverse). Sending them lets `tenders` and `suppliers` stay unaware of `digests`.
"""

from blinker import Namespace

_signals = Namespace()

# kwargs: tender (procure.tenders.models.Tender), revision (its TenderRevision of the decision)
tender_decided = _signals.signal("tender-decided")
# kwargs: supplier (procure.suppliers.models.Supplier), audit (its SupplierAudit of the change)
supplier_status_changed = _signals.signal("supplier-status-changed")
