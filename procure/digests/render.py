"""Rendering a message: text and HTML alternatives in the recipient's language, CSS inlined.

Jinja autoescapes the HTML templates, so a tender title such as `<script>` reaches the mail
as text; the plain-text part is not HTML and is not escaped.
"""

from __future__ import annotations

from typing import Any

import css_inline
from flask import current_app
from flask_babel import force_locale, get_translations
from jinja2 import Environment

_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def _environment(language: str) -> Environment:
    """The app's Jinja environment with this language's catalogue bound once.

    Flask-Babel's gettext looks the catalogue up again at every call, which made the
    translated strings most of a digest's rendering time; an overlay per language calls the
    catalogue directly. Dates still go through Flask-Babel's filters under `force_locale`.
    """
    cache = current_app.extensions.setdefault("procure_mail_envs", {})
    env = cache.get(language)
    if env is None:
        env = current_app.jinja_env.overlay()
        env.install_gettext_translations(get_translations(), newstyle=True)
        cache[language] = env
    return env


def _render(language: str, name: str, **context: Any) -> str:
    """Render without the web context processors: mail is built by jobs, with no request."""
    return _environment(language).get_template(name).render(language=language, **context)


def render(template: str, language: str, **context: Any) -> tuple[str, str]:
    """(text, html) of `templates/email/<template>.txt|.html` in the given language."""
    language = language or "fr"
    with force_locale(language):
        text = _render(language, f"email/{template}.txt", **context)
        html = _render(language, f"email/{template}.html", **context)
    return text, _inliner.inline(html)
