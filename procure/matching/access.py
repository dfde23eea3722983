"""Who may see a tender's shortlist: the buyers of its organisation and facilitators."""

from flask import abort
from sqlalchemy import select

from procure.accounts.models import User
from procure.extensions import db
from procure.tenders.models import Tender


def tender_for(user: User, reference: str) -> Tender:
    """The tender named in the URL, or 404 for anyone outside its organisation."""
    tender = db.session.scalar(select(Tender).where(Tender.reference == reference))
    if tender is None:
        abort(404)
    if user.is_admin or (user.is_buyer and user.organisation_id == tender.organisation_id):
        return tender
    abort(404)
