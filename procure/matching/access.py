"""Who may see a tender's shortlist: the buyers of its organisation and facilitators."""

from flask import abort

from procure.accounts.models import User
from procure.extensions import db
from procure.tenders import access
from procure.tenders.models import Tender


def tender_for(user: User, reference: str) -> Tender:
    """The tender named in the URL, or 404 for anyone outside its organisation (the tenders'
    visibility rule; a supplier who may read the tender still has no shortlist)."""
    tender = access.tender_for(db.session, user, reference, manage=True)
    if tender is None:
        abort(404)
    return tender
