"""Error pages that say what happened without leaking internals; JSON under /api/."""

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from procure.core.hygiene import InputRefused


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _too_large_message() -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return _(
        "Envoi trop volumineux : %(mb)d Mo au plus. Découpez le fichier et réessayez.",
        mb=limit // (1024 * 1024),
    )


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if isinstance(exc, RequestEntityTooLarge):
            exc.description = _too_large_message()
            # Anything that reads the body again while the error page is rendered (a context
            # processor building a form) would raise once more and end in a bare 500: the
            # refused body counts as empty from here on.
            request.__dict__.update(form=ImmutableMultiDict(), files=ImmutableMultiDict())
        if _wants_json():
            body = {"code": exc.code, "status": exc.name, "message": exc.description}
            data = getattr(exc, "data", None) or {}
            if "messages" in data:  # webargs validation: field errors
                body["errors"] = data["messages"]
            if "message" in data:
                body["message"] = data["message"]
            return jsonify(body), exc.code, dict(data.get("headers") or {})
        message = exc.description if isinstance(exc, InputRefused | RequestEntityTooLarge) else ""
        page = render_template("errors/error.html", code=exc.code, name=exc.name, message=message)
        return page, exc.code

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        if _wants_json():
            return jsonify(code=400, status="CSRF", message=exc.description), 400
        return render_template("errors/error.html", code=400, name="CSRF", csrf=True), 400

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        if _wants_json():
            # The body every API error has (flask-smorest's ErrorSchema, in the OpenAPI).
            body = {"code": 500, "status": InternalServerError.name, "message": "Unexpected error."}
            return jsonify(body), 500
        try:
            page = render_template("errors/error.html", code=500, name=InternalServerError.name)
        except Exception:  # the page itself failed: answer without any template
            page = "500 Internal Server Error"
        return page, 500
