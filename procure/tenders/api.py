"""`/api/v1/tenders`: list, get, create, update, submit and close, with the web's rules.

Bodies are typed by marshmallow (422 on a wrong type or an unknown field), then checked by the
same `clean_tender` as the form (422 with the field errors). A buyer's token sees only the
organisation's tenders: another organisation's tender answers 404.
"""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from flask_smorest.error_handler import ErrorSchema
from marshmallow import Schema, fields, validate
from sqlalchemy.orm import Session

from procure.accounts.models import Role, User
from procure.api.auth import current_api_user, token_required
from procure.api.errors import errors
from procure.domain.clauses import CLAUSE_CODES, CLAUSES, Param
from procure.extensions import db
from procure.tenders import cpv, services
from procure.tenders.importer import organisation_named
from procure.tenders.jobs import today_in_paris
from procure.tenders.models import Tender, TenderStatus
from procure.tenders.validation import TenderInvalid, clean_tender
from procure.timeutil import aware

bp = Blueprint(
    "tenders_api", __name__, url_prefix="/api/v1/tenders",
    description="Tenders with their Spaser clauses and lots.",
)  # fmt: skip
api_user = token_required(Role.BUYER, Role.ADMIN)


def _param_doc(param: Param, what: str) -> dict[str, str]:
    users = ", ".join(c.code for c in CLAUSES if c.param is param)
    return {"description": f"{what}, for {users}"}


class ClauseSchema(Schema):
    """A clause: its type (procure.domain.clauses) and the one parameter that type takes."""

    type = fields.String(required=True, validate=validate.OneOf(CLAUSE_CODES))
    hours = fields.Integer(allow_none=True, metadata=_param_doc(Param.HOURS, "hours"))
    weight = fields.Float(allow_none=True, metadata=_param_doc(Param.WEIGHT, "weight in %"))
    text = fields.String(allow_none=True, metadata=_param_doc(Param.TEXT, "text"))


class LotSchema(Schema):
    title = fields.String(required=True)
    description = fields.String(load_default="")
    clauses = fields.List(fields.Nested(ClauseSchema), load_default=list)


class TenderInSchema(Schema):
    reference = fields.String(metadata={"description": "yours, or one is given"})
    title = fields.String(required=True)
    description = fields.String(required=True)
    buyer = fields.String(metadata={"description": "organisation name (facilitators only)"})
    cpv_codes = fields.List(fields.String(), metadata={"example": ["90911200-8"]})
    departments = fields.List(fields.String(), metadata={"example": ["34"]})
    estimated_value = fields.Float(allow_none=True)
    deadline = fields.Date(required=True)
    contact_name = fields.String()
    contact_email = fields.String()
    clauses = fields.List(fields.Nested(ClauseSchema))
    lots = fields.List(fields.Nested(LotSchema))
    submit = fields.Boolean(load_default=False, metadata={"description": "submit at once"})


class TenderPatchSchema(TenderInSchema):
    """The fields to change; the others keep their value."""

    title = fields.String()
    description = fields.String()
    deadline = fields.Date()


class TenderSchema(Schema):
    reference = fields.String()
    title = fields.String()
    description = fields.String()
    buyer = fields.String()
    status = fields.String(metadata={"enum": [s.value for s in TenderStatus]})
    cpv_codes = fields.List(fields.String())
    departments = fields.List(fields.String())
    estimated_value = fields.Float(allow_none=True)
    deadline = fields.Date(allow_none=True)
    contact_name = fields.String()
    contact_email = fields.String()
    clauses = fields.List(fields.Nested(ClauseSchema))
    lots = fields.List(fields.Nested(LotSchema))
    rejection_reason = fields.String()
    opened_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)


class ListArgsSchema(Schema):
    status = fields.String(validate=validate.OneOf([s.value for s in TenderStatus]))


def as_dict(tender: Tender) -> dict[str, Any]:
    data = services.snapshot(tender)
    data.update(
        reference=tender.reference, buyer=tender.organisation.name, status=str(tender.status),
        rejection_reason=tender.rejection_reason, opened_at=aware(tender.opened_at),
        closed_at=aware(tender.closed_at), deadline=tender.deadline,
    )  # fmt: skip
    return data


def _tender_or_404(reference: str) -> Tender:
    tender = services.tender_for(db.session, current_api_user(), reference)
    if tender is None:
        abort(404, message="No such tender.")
    return tender


def _check(session: Session, body: dict[str, Any], exclude_id: int | None = None):
    try:
        data = clean_tender(
            body, strict=True, today=today_in_paris(), official_cpv=cpv.official_codes(session),
            require_reference=False, require_buyer=False,
        )  # fmt: skip
    except TenderInvalid as exc:
        abort(422, messages={"json": exc.errors}, message="Invalid tender.")
    if data.reference and services.reference_taken(session, data.reference, exclude_id):
        abort(422, messages={"json": {"reference": "already taken"}}, message="Invalid tender.")
    return data


def _organisation(user: User, body: dict[str, Any]):
    if user.is_admin:
        if not (body.get("buyer") or "").strip():
            abort(422, messages={"json": {"buyer": "required for a facilitator"}})
        return organisation_named(db.session, body["buyer"])
    return user.organisation


@bp.route("/")
class Tenders(MethodView):
    @api_user
    @bp.arguments(ListArgsSchema, location="query")
    @bp.response(200, TenderSchema(many=True))
    @errors(bp, 401, 403)
    def get(self, args: dict[str, Any]):
        """Tenders of the token's organisation (all of them for a facilitator)."""
        stmt = services.visible_to(current_api_user()).order_by(Tender.id)
        if args.get("status"):
            stmt = stmt.where(Tender.status == TenderStatus(args["status"]))
        return [as_dict(t) for t in db.session.scalars(stmt)]

    @api_user
    @bp.arguments(TenderInSchema)
    @bp.response(201, TenderSchema)
    @errors(bp, 400, 401, 403)
    def post(self, body: dict[str, Any]):
        """Create a draft (or a submitted tender with `submit: true`)."""
        user = current_api_user()
        data = _check(db.session, body)
        tender = services.create_tender(db.session, data, _organisation(user, body), user)
        if body.get("submit"):
            services.submit(db.session, tender, user)
        db.session.commit()
        return as_dict(tender)


@bp.route("/<reference>")
class TenderItem(MethodView):
    @api_user
    @bp.response(200, TenderSchema)
    @errors(bp, 401, 403, 404)
    def get(self, reference: str):
        """One tender, its clauses, lots and status."""
        return as_dict(_tender_or_404(reference))

    @api_user
    @bp.arguments(TenderPatchSchema)
    @bp.response(200, TenderSchema)
    @errors(bp, 400, 401, 403, 404, 409)
    def patch(self, body: dict[str, Any], reference: str):
        """Change the given fields; a validated tender keeps the change in its history."""
        tender = _tender_or_404(reference)
        if tender.status not in services.EDITABLE:
            abort(409, message="A closed tender cannot be changed.")
        merged = {**services.snapshot(tender), "reference": tender.reference, **body}
        data = _check(db.session, merged, tender.id)
        tender.reference = data.reference
        services.update_tender(db.session, tender, data, current_api_user())
        db.session.commit()
        return as_dict(tender)


def _transition(reference: str, operation) -> dict[str, Any]:
    tender = _tender_or_404(reference)
    try:
        operation(db.session, tender, current_api_user())
    except services.TenderError as exc:
        abort(409, message=str(exc))
    db.session.commit()
    return as_dict(tender)


@bp.route("/<reference>/submit", methods=["POST"])
@api_user
@bp.response(200, TenderSchema)
@errors(bp, 401, 403, 404)
@bp.alt_response(409, schema=ErrorSchema, description="The tender is neither a draft nor rejected.")
def submit(reference: str):
    """Submit a draft for validation."""
    return _transition(reference, services.submit)


@bp.route("/<reference>/close", methods=["POST"])
@api_user
@bp.response(200, TenderSchema)
@errors(bp, 401, 403, 404)
@bp.alt_response(409, schema=ErrorSchema, description="The tender is not open.")
def close(reference: str):
    """Close an open tender."""
    return _transition(reference, services.close)
