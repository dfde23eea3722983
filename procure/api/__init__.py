"""The JSON API under /api/v1: flask-smorest (OpenAPI from marshmallow schemas, 422 with
field errors on invalid bodies) and bearer-token authentication."""

from flask import Flask
from flask_smorest import Api, Blueprint

from procure.api.cli import create_token
from procure.api.errors import EdgeErrorsPlugin
from procure.commands import command_group
from procure.extensions import csrf

api = Api()

SPEC_SETTINGS = {
    "API_TITLE": "procure API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": (
                "Bearer-token API of procure (`procure users create-token EMAIL`).\n\n"
                "**Language** of the words in an answer (match reasons, trade names, labels): "
                "an explicit `Accept-Language` header naming a supported language (`fr`, `en`) "
                "wins; without one, the language of the token's account; else French. "
                "Codes, numbers and dates in ISO format are the same in every language."
            )
        }
    },
}


API_BLUEPRINTS = "procure.api_blueprints"


def register_api(app: Flask, blueprint: Blueprint) -> None:
    """A feature's API blueprint, from its `init_app`; registered by `init_api`, after every
    feature, in the order the features are listed (the order of the OpenAPI paths)."""
    app.extensions.setdefault(API_BLUEPRINTS, []).append(blueprint)


def init_api(app: Flask) -> None:
    for key, value in SPEC_SETTINGS.items():
        app.config.setdefault(key, value)
    api.init_app(
        app,
        spec_kwargs={
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearerAuth": []}],
        },
    )
    edge = EdgeErrorsPlugin()
    edge.init_spec(api.spec)
    api.spec.plugins.append(edge)
    command_group(app, "users").add_command(create_token)
    for blueprint in app.extensions.get(API_BLUEPRINTS, []):
        # Token-authenticated, never cookie-authenticated: no CSRF exposure.
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
