"""Rendering a message: text and HTML alternatives in the recipient's language, CSS inlined.

Jinja autoescapes the HTML templates, so a tender title such as `<script>` reaches the mail
as text; the plain-text part is not HTML and is not escaped.
"""

from __future__ import annotations

from typing import Any

import css_inline
from flask import current_app
from flask_babel import force_locale, get_translations
from jinja2 import Environment, pass_context
from markupsafe import Markup

_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def _bound_gettext(translations: Any) -> tuple[Any, Any]:
    """gettext / ngettext over one catalogue, with Jinja's "newstyle" semantics: the result
    is a format string, and in HTML templates it is Markup so the variables get escaped."""

    @pass_context
    def gettext(context: Any, string: str, **variables: Any) -> str:
        rv = translations.gettext(string)
        if context.eval_ctx.autoescape:
            rv = Markup(rv)  # noqa: S704 - our own catalogue, as Jinja does; variables get escaped
        return rv % variables

    @pass_context
    def ngettext(context: Any, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        rv = translations.ngettext(singular, plural, num)
        if context.eval_ctx.autoescape:
            rv = Markup(rv)  # noqa: S704 - our own catalogue, as Jinja does; variables get escaped
        return rv % variables

    return gettext, ngettext


def _environment(language: str) -> Environment:
    """The app's Jinja environment with this language's catalogue bound once.

    Flask-Babel's gettext looks the catalogue up again at every call, which made the
    translated strings most of a digest's rendering time; an overlay per language calls the
    catalogue directly. The overlay gets globals of its own (an overlay shares its parent's,
    and the web pages must not start speaking the last mail's language). Dates still go
    through Flask-Babel's filters under `force_locale`.
    """
    cache = current_app.extensions.setdefault("procure_mail_envs", {})
    env = cache.get(language)
    if env is None:
        env = current_app.jinja_env.overlay(trim_blocks=True, lstrip_blocks=True)
        gettext, ngettext = _bound_gettext(get_translations())
        env.globals = {**current_app.jinja_env.globals, "gettext": gettext, "ngettext": ngettext}
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
