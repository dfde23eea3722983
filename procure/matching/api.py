"""`GET /api/v1/tenders/{reference}/shortlist`."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from procure.accounts.models import Role
from procure.api.auth import current_api_user, token_required
from procure.api.errors import errors
from procure.events import shortlist_shown
from procure.extensions import db
from procure.matching.access import tender_for
from procure.matching.output import entries
from procure.matching.reasons import current_language, nothing_relevant
from procure.matching.service import shortlist

blp = Blueprint(
    "shortlists",
    __name__,
    url_prefix="/api/v1/tenders",
    description="Ranked, explained shortlists of eligible verified suppliers",
)


class ShortlistQuery(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class MatchSchema(Schema):
    siret = fields.String()
    name = fields.String()
    score = fields.Float(metadata={"description": "0-100"})
    relevant = fields.Boolean(
        metadata={"description": "does the tender's trade in its area (relevant entries first)"}
    )
    reasons = fields.List(fields.String(), metadata={"description": "in the reader's language"})


class ShortlistSchema(Schema):
    tender = fields.String()
    shortlist = fields.List(fields.Nested(MatchSchema))
    nothing_relevant = fields.String(
        allow_none=True, metadata={"description": "said when no entry is relevant"}
    )


@blp.route("/<reference>/shortlist")
class Shortlist(MethodView):
    @blp.arguments(ShortlistQuery, location="query")
    @blp.response(200, ShortlistSchema)
    @errors(blp, 401, 403, 404)
    @token_required(Role.BUYER, Role.ADMIN)
    def get(self, args: dict, reference: str):
        """The shortlist of a tender (buyers of its organisation and facilitators)."""
        tender = tender_for(current_api_user(), reference)
        matches = shortlist(db.session, tender, limit=args["limit"])
        shortlist_shown.send(db.session, channel="api", shortlists={tender.id: matches})
        lang = current_language()
        none = bool(matches) and not any(m.relevant for m in matches)
        return {
            "tender": tender.reference,
            "shortlist": entries(matches, lang),
            "nothing_relevant": nothing_relevant(lang) if none else None,
        }
