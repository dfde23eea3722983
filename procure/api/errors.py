"""The error answers every API operation documents, with flask-smorest's error body
(`{"code", "status", "message", "errors"}`), so that clients and Schemathesis find each status
an operation can return in the OpenAPI description, with its body's schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_smorest import Blueprint
from flask_smorest.error_handler import ErrorSchema

DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    401: "No valid bearer token.",
    403: "This token's account may not do this.",
    404: "No such object, or not this token's.",
    409: "The object's state does not allow this.",
}


def errors(blp: Blueprint, *codes: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Document the error answers `codes` on an operation (a view or a MethodView method)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        for code in codes:
            view = blp.alt_response(code, schema=ErrorSchema, description=DESCRIPTIONS[code])(view)
        return view

    return decorator
