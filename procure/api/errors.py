"""The error answers every API operation documents, with flask-smorest's error body
(`{"code", "status", "message", "errors"}`), so that clients and Schemathesis find each status
an operation can return in the OpenAPI description, with its body's schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apispec import BasePlugin
from flask_smorest import Blueprint
from flask_smorest.error_handler import ErrorSchema

DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    401: "No valid bearer token.",
    403: "This token's account may not do this.",
    404: "No such object, or not this token's.",
    409: "The object's state does not allow this.",
    413: "The body is larger than the server accepts.",
    422: "The request holds control characters or values out of bounds (procure.core.hygiene).",
}
ERROR_REF = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


class EdgeErrorsPlugin(BasePlugin):
    """Answers every operation may give whatever its view: refused at the edge before the
    view runs (procure.core.hygiene: control characters in the path or query, out-of-bounds
    pages: 422; a body too large: 413; JSON nested too deep: 400), refused for its token
    (every operation needs one: 401, 403), or naming no object (a path parameter: 404). The
    description says so for each operation, so a feature's API cannot forget them."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            codes = [401, 403, 422] + ([400, 413] if "requestBody" in operation else [])
            if "{" in (path or ""):
                codes.append(404)
            for code in codes:
                responses.setdefault(str(code), {"description": DESCRIPTIONS[code], **ERROR_REF})


def errors(blp: Blueprint, *codes: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Document the error answers `codes` on an operation (a view or a MethodView method)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        for code in codes:
            view = blp.alt_response(code, schema=ErrorSchema, description=DESCRIPTIONS[code])(view)
        return view

    return decorator
