"""`/api/v1/spaser`: Spaser figures, awards, insertion hours done and the DECP export.

Same rules as the web: a buyer's token sees its organisation's tenders and figures only
(another organisation's tender answers 404); insertion hours done are a facilitator's.
"""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from procure.accounts.models import Role
from procure.api.auth import current_api_user, token_required
from procure.extensions import db
from procure.spaser import awards
from procure.spaser.access import buyer_scope, may_see
from procure.spaser.decp_export import export_decp, marche
from procure.spaser.report import spaser_figures
from procure.tenders import services as tenders
from procure.tenders.models import Lot

blp = Blueprint(
    "spaser_api", __name__, url_prefix="/api/v1/spaser",
    description="Spaser figures, awards and insertion hours.",
)  # fmt: skip
api_user = token_required(Role.BUYER, Role.ADMIN)
admin_user = token_required(Role.ADMIN)


class CountSchema(Schema):
    contracts = fields.Integer()
    amount = fields.Float()


class HoursTotalSchema(Schema):
    committed = fields.Integer()
    realised = fields.Float()


class ReportSchema(Schema):
    year = fields.Integer()
    buyer = fields.String(allow_none=True)
    contracts = fields.Integer()
    amount = fields.Float()
    social = fields.Nested(CountSchema)
    social_clause = fields.Nested(CountSchema)
    social_criterion = fields.Nested(CountSchema)
    reserved = fields.Nested(CountSchema)
    environmental = fields.Nested(CountSchema)
    awarded_sse = fields.Nested(CountSchema)
    awarded_siae = fields.Nested(CountSchema)
    awarded_disability = fields.Nested(CountSchema)
    insertion_hours = fields.Nested(HoursTotalSchema)


class ReportArgs(Schema):
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    buyer = fields.String(metadata={"description": "buyer SIRET (facilitators only)"})


class AwardInSchema(Schema):
    lot = fields.Integer(
        allow_none=True,
        load_default=None,
        metadata={"description": "lot number; none without lots"},
    )
    holder_siret = fields.String(required=True)
    holder_name = fields.String(load_default="")
    amount = fields.Float(required=True)
    notified_on = fields.Date(required=True)
    duration_months = fields.Integer(required=True)
    offers_received = fields.Integer(required=True)
    procedure = fields.String(
        load_default=awards.PROCEDURES[0], validate=validate.OneOf(awards.PROCEDURES)
    )
    contract_id = fields.String(load_default="", metadata={"description": "1-16 characters"})
    buyer_siret = fields.String(load_default="")
    cpv = fields.String(load_default="")


class HolderSchema(Schema):
    identifier = fields.String()
    identifier_type = fields.String()
    name = fields.String()
    supplier_siret = fields.String(allow_none=True)


class ContractSchema(Schema):
    contract_id = fields.String()
    buyer_siret = fields.String()
    source = fields.String()
    objet = fields.String()
    cpv = fields.String()
    department = fields.String(allow_none=True)
    amount = fields.Float()
    notified_on = fields.Date()
    duration_months = fields.Integer(allow_none=True)
    lot = fields.Integer(allow_none=True)
    considerations = fields.List(fields.String())
    insertion_hours = fields.Integer(allow_none=True)
    holders = fields.List(fields.Nested(HolderSchema))


class HoursInSchema(Schema):
    hours = fields.Float(required=True, validate=validate.Range(min=0))


class HoursSchema(Schema):
    contract_id = fields.String()
    year = fields.Integer()
    hours = fields.Float()


class ExportArgs(Schema):
    year = fields.Integer(validate=validate.Range(2000, 2100))
    buyer = fields.String()


def contract_dict(contract) -> dict[str, Any]:

    lot = None
    if contract.lot_id is not None:
        lot_row = db.session.get(Lot, contract.lot_id)
        lot = lot_row.number if lot_row else None
    data = marche(contract)
    return {
        "contract_id": contract.contract_id, "buyer_siret": contract.buyer_siret,
        "source": str(contract.source), "objet": contract.objet, "cpv": contract.cpv,
        "department": contract.department, "amount": contract.amount,
        "notified_on": contract.notified_on, "duration_months": contract.duration_months,
        "lot": lot, "insertion_hours": contract.insertion_hours,
        "considerations": data["considerationsSociales"]["considerationSociale"]
        + data["considerationsEnvironnementales"]["considerationEnvironnementale"],
        "holders": [
            {"identifier": h.identifier, "identifier_type": h.identifier_type, "name": h.name,
             "supplier_siret": h.supplier.siret if h.supplier else None}
            for h in contract.holders
        ],
    }  # fmt: skip


@blp.route("/report")
class Report(MethodView):
    @api_user
    @blp.arguments(ReportArgs, location="query")
    @blp.response(200, ReportSchema)
    def get(self, args: dict[str, Any]):
        """The Spaser figures of a year (the token's organisation for a buyer)."""
        buyer = buyer_scope(current_api_user(), args.get("buyer"))
        return spaser_figures(db.session, args["year"], buyer)


def _tender_or_404(reference: str):
    tender = tenders.tender_for(db.session, current_api_user(), reference)
    if tender is None:
        abort(404, message="No such tender.")
    return tender


@blp.route("/tenders/<reference>/awards")
class Awards(MethodView):
    @api_user
    @blp.response(200, ContractSchema(many=True))
    def get(self, reference: str):
        """The contracts awarded for a tender."""
        return [contract_dict(c) for c in awards.awards_of(db.session, _tender_or_404(reference))]

    @api_user
    @blp.arguments(AwardInSchema)
    @blp.response(201, ContractSchema)
    @blp.alt_response(422, description="Invalid award (field errors under errors.json).")
    def post(self, body: dict[str, Any], reference: str):
        """Record (or replace) who won a lot of a closed tender."""
        tender = _tender_or_404(reference)
        try:
            contract = awards.record_award(
                db.session, tender, awards.AwardData(**body), current_api_user()
            )
        except awards.AwardInvalid as exc:
            db.session.rollback()
            abort(422, messages={"json": exc.errors}, message="Invalid award.")
        db.session.commit()
        return contract_dict(contract)


@blp.route("/contracts/<buyer_siret>/<contract_id>/hours/<int:year>")
class Hours(MethodView):
    @admin_user
    @blp.arguments(HoursInSchema)
    @blp.response(200, HoursSchema)
    def put(self, body: dict[str, Any], buyer_siret: str, contract_id: str, year: int):
        """Insertion hours done on a contract during a year (facilitators)."""
        if not 2000 <= year <= 2100:
            abort(404, message="No such year.")
        contract = awards.contract_by_key(db.session, buyer_siret, contract_id)
        if contract is None or not may_see(db.session, current_api_user(), contract):
            abort(404, message="No such contract.")
        try:
            row = awards.record_hours(db.session, contract, year, body["hours"], current_api_user())
        except awards.AwardInvalid as exc:
            db.session.rollback()
            abort(422, messages={"json": exc.errors}, message="Invalid hours.")
        db.session.commit()
        return {"contract_id": contract.contract_id, "year": row.year, "hours": row.hours}


@blp.route("/decp")
class Decp(MethodView):
    @api_user
    @blp.arguments(ExportArgs, location="query")
    @blp.response(200)
    def get(self, args: dict[str, Any]):
        """procure's awarded contracts in the regulatory DECP format."""
        buyer = buyer_scope(current_api_user(), args.get("buyer"))
        return export_decp(db.session, buyer, args.get("year"))
