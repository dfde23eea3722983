"""Error pages that say what happened without leaking internals; JSON under /api/."""

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if _wants_json():
            body = {"code": exc.code, "status": exc.name, "message": exc.description}
            data = getattr(exc, "data", None) or {}
            if "messages" in data:  # webargs validation: field errors
                body["errors"] = data["messages"]
            if "message" in data:
                body["message"] = data["message"]
            return jsonify(body), exc.code, dict(data.get("headers") or {})
        template = "errors/error.html"
        return render_template(template, code=exc.code, name=exc.name), exc.code

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
