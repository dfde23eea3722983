"""Locale choice: the signed-in user's language, else the visitor's cookie, else the
browser's preference among the supported languages, else French."""

from flask import current_app, has_request_context, request
from flask_login import current_user

LANG_COOKIE = "procure_lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and jobs: French unless they force a locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen and chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
