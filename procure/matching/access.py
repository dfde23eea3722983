"""Who may see a tender's shortlist: the buyers of its organisation and facilitators."""

from flask import abort
from sqlalchemy.orm import joinedload

from procure.accounts.models import User
from procure.extensions import db
from procure.tenders import access
from procure.tenders.models import Lot, Tender

# What ranking reads (tender_doc): the clauses and lots, joined to the tender's own query
# instead of one query each (the lots' own clause view is read only if used).
RANKED = (joinedload(Tender.clauses), joinedload(Tender.lots).lazyload(Lot.clauses))


def tender_for(user: User, reference: str) -> Tender:
    """The tender named in the URL, or 404 for anyone outside its organisation (the tenders'
    visibility rule; a supplier who may read the tender still has no shortlist)."""
    tender = access.tender_for(db.session, user, reference, manage=True, options=RANKED)
    if tender is None:
        abort(404)
    return tender
