"""JSON API under /api/v1/suppliers: list with the facilitator filters, get by SIRET,
create, update.

Facilitator and integration tokens may do everything; a supplier's token may read and
update only its own record (another SIRET is a 404, the list a 403) and never its status.
"""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, abort
from flask_smorest.error_handler import ErrorSchema

from procure.accounts.models import Role, User
from procure.api.auth import current_api_user, token_required
from procure.api.errors import errors
from procure.extensions import db
from procure.suppliers import services
from procure.suppliers.models import Supplier, SupplierStatus
from procure.suppliers.queries import Filters, page_of
from procure.suppliers.schemas import (
    SupplierInSchema,
    SupplierOutSchema,
    SupplierPageSchema,
    SupplierPatchSchema,
    SupplierQuerySchema,
)
from procure.suppliers.validation import SupplierInvalid, clean_siret, clean_supplier

blp = Blueprint(
    "suppliers_api",
    __name__,
    url_prefix="/api/v1/suppliers",
    description="The registry of SSE suppliers.",
)


def _invalid(errors: dict[str, list[str]]) -> None:
    abort(422, messages={"json": errors}, message="Invalid supplier.")


def _clean(raw: dict[str, Any]):
    try:
        return clean_supplier(raw)
    except SupplierInvalid as exc:
        _invalid(exc.errors)


def _visible(user: User, siret: str) -> Supplier:
    """The record by SIRET, if this token may see it; 404 otherwise."""
    try:
        siret = clean_siret(siret)
    except ValueError:
        abort(404, message="No such supplier.")
    supplier = services.find_by_siret(db.session, siret)
    if supplier is None or not services.can_edit(user, supplier):
        abort(404, message="No such supplier.")
    return supplier


def _set_status(supplier: Supplier, body: dict[str, Any], actor: services.Actor) -> None:
    if "status" in body:
        status = SupplierStatus(body["status"])
        reason = body.get("rejection_reason", "")
        if status == SupplierStatus.REJECTED and not reason.strip():
            _invalid({"rejection_reason": ["A rejection needs a reason the supplier will see."]})
        services.set_status(db.session, supplier, status, actor, reason)


@blp.route("/", methods=["GET"])
@token_required(Role.ADMIN)
@blp.arguments(SupplierQuerySchema, location="query")
@blp.response(200, SupplierPageSchema)
@errors(blp, 401, 403)
def list_suppliers(args: dict[str, Any]):
    """Suppliers matching the filters, newest change first."""
    page = page_of(db.session, Filters.from_args(args), args["page"], args["per_page"])
    return {"items": page.items, "total": page.total, "page": page.page, "per_page": page.per_page}


@blp.route("/", methods=["POST"])
@token_required(Role.ADMIN)
@blp.arguments(SupplierInSchema)
@blp.response(201, SupplierOutSchema)
@errors(blp, 400, 401, 403)
@blp.alt_response(409, schema=ErrorSchema, description="A supplier with this SIRET exists.")
def create_supplier(body: dict[str, Any]):
    """Create a supplier; verified unless the body says otherwise."""
    data = _clean(body)
    if services.find_by_siret(db.session, data.siret) is not None:
        abort(409, message="A supplier with this SIRET exists: update it instead.")
    actor = services.Actor.of(current_api_user())
    status = SupplierStatus(body.get("status", SupplierStatus.VERIFIED))
    supplier = services.create_supplier(db.session, data, actor, SupplierStatus.PENDING)
    _set_status(supplier, {**body, "status": status}, actor)
    db.session.commit()
    return supplier


@blp.route("/<siret>", methods=["GET"])
@token_required(Role.ADMIN, Role.SUPPLIER)
@blp.response(200, SupplierOutSchema)
@errors(blp, 401, 403, 404)
def get_supplier(siret: str):
    """One supplier by SIRET."""
    return _visible(current_api_user(), siret)


def _update(siret: str, body: dict[str, Any]) -> Supplier:
    user = current_api_user()
    supplier = _visible(user, siret)
    if not user.is_admin and ("status" in body or "rejection_reason" in body):
        abort(403, message="Only facilitators set a supplier's status.")
    if "siret" in body and body["siret"] != supplier.siret:
        _invalid({"siret": ["The SIRET identifies the record and cannot change."]})
    raw = services.current_values(supplier) | {"siret": supplier.siret}
    raw.update({k: v for k, v in body.items() if k not in ("status", "rejection_reason")})
    data = _clean(raw)
    actor = services.Actor.of(user)
    services.update_supplier(db.session, supplier, data, actor, by_owner=not user.is_admin)
    if user.is_admin:
        _set_status(supplier, body, actor)
    db.session.commit()
    return supplier


@blp.route("/<siret>", methods=["PUT"])
@token_required(Role.ADMIN, Role.SUPPLIER)
@blp.arguments(SupplierInSchema)
@blp.response(200, SupplierOutSchema)
@errors(blp, 400, 401, 403, 404)
def replace_supplier(body: dict[str, Any], siret: str):
    """Replace a supplier's fields (all required ones given)."""
    return _update(siret, body)


@blp.route("/<siret>", methods=["PATCH"])
@token_required(Role.ADMIN, Role.SUPPLIER)
@blp.arguments(SupplierPatchSchema)
@blp.response(200, SupplierOutSchema)
@errors(blp, 400, 401, 403, 404)
def patch_supplier(body: dict[str, Any], siret: str):
    """Change some fields of a supplier."""
    return _update(siret, body)
