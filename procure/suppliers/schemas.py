"""Marshmallow schemas of the suppliers API (and so of its OpenAPI description).

They check types only; the registry's own rules (SIRET checksum, kinds, départements...)
are applied by `clean_supplier`, the same function as for the import and the forms, and
reported as 422 with field errors in the same shape as a schema error."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from procure.suppliers.models import INCLUSION_KINDS, LEGAL_FORMS, SupplierStatus
from procure.timeutil import aware

STATUSES = [s.value for s in SupplierStatus]


class SupplierOutSchema(Schema):
    siret = fields.String()
    siren = fields.String()
    name = fields.String()
    legal_form = fields.String(metadata={"enum": list(LEGAL_FORMS)})
    inclusion_kinds = fields.List(fields.String(metadata={"enum": list(INCLUSION_KINDS)}))
    esus = fields.Boolean()
    is_sse = fields.Boolean()
    description = fields.String()
    cpv_codes = fields.List(fields.String())
    departments = fields.List(fields.String(), metadata={"description": "INSEE codes or FR"})
    postcode = fields.String()
    city = fields.String()
    email = fields.String()
    website = fields.String()
    employees = fields.Integer(allow_none=True)
    status = fields.Function(lambda s: str(s.status), metadata={"enum": STATUSES})
    rejection_reason = fields.String()
    updated_at = fields.Function(lambda s: aware(s.updated_at).isoformat())


class SupplierPageSchema(Schema):
    items = fields.List(fields.Nested(SupplierOutSchema))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class SupplierQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    kind = fields.String(validate=validate.OneOf(INCLUSION_KINDS))
    legal_form = fields.String(validate=validate.OneOf(LEGAL_FORMS))
    department = fields.String(metadata={"description": "INSEE code; national suppliers too"})
    q = fields.String(metadata={"description": "Text in the name, SIRET or description"})
    # Bounded: a page past 2^63 rows overflowed the database's OFFSET (a 500).
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class SupplierInSchema(Schema):
    """A supplier's fields (create, replace)."""

    siret = fields.String(required=True, validate=validate.Length(max=30))
    name = fields.String(required=True)
    legal_form = fields.String(required=True, metadata={"enum": list(LEGAL_FORMS)})
    inclusion_kinds = fields.List(fields.String(), load_default=list)
    esus = fields.Boolean(load_default=False)
    description = fields.String(required=True)
    cpv_codes = fields.List(fields.String(), load_default=list)
    departments = fields.List(
        fields.String(), required=True, metadata={"description": "INSEE codes, or ['FR']"}
    )
    postcode = fields.String(load_default="")
    city = fields.String(load_default="")
    email = fields.String(load_default="")
    website = fields.String(load_default="")
    employees = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=0))
    status = fields.String(
        validate=validate.OneOf(STATUSES),
        metadata={"description": "Facilitator tokens only (default on create: verified)"},
    )
    rejection_reason = fields.String(metadata={"description": "With status rejected"})


class SupplierPatchSchema(SupplierInSchema):
    """Any subset of a supplier's fields."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(**kwargs)
