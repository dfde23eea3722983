"""Locale choice.

Web pages: the signed-in user's language, else the visitor's cookie, else the browser's
preference among the supported languages, else French.

The API (a request authenticated by a bearer token, `g.api_user`): an explicit
`Accept-Language` header naming a supported language wins (a script may ask for English
whatever its account reads); without one, the token account's language; else French.
"""

from typing import Any

from flask import current_app, g, has_request_context, request
from flask_login import current_user

LANG_COOKIE = "procure_lang"


def api_locale(user: Any, languages: list[str]) -> str:
    if "Accept-Language" in request.headers:
        asked = request.accept_languages.best_match(languages)
        if asked:
            return asked
    if user.language in languages:
        return user.language
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and jobs: French unless they force a locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    api_user = g.get("api_user")
    if api_user is not None:
        return api_locale(api_user, languages)
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen and chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
