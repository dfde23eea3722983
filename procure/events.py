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
# A shortlist was put in front of a buyer. The sender is the SQLAlchemy session of the
# request (the receiver writes on a short transaction of its own: reading a page commits
# nothing) or the Connection of the transaction queuing a digest (written with it).
# kwargs: channel ("web", "csv", "api", "digest"), shortlists ({tender id: [Match, ...]}).
shortlist_shown = _signals.signal("shortlist-shown")
# kwargs: supplier_id, tender_id, answer ("interested" | "not_interested")
interest_answered = _signals.signal("interest-answered")
# kwargs: tender (its trades_override just set by the buyer or facilitator; None resets)
trades_corrected = _signals.signal("trades-corrected")
# Not a signal: the key of app.extensions under which features list the hooks a supplier
# import job runs after a bulk import (procure.imports.services; the matcher shares its index).
AFTER_BULK_IMPORT = "procure.after_bulk_import"
