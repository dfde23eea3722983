"""Rendering a message: text and HTML alternatives in the recipient's language, CSS inlined.

Jinja autoescapes the HTML templates, so a tender title such as `<script>` reaches the mail
as text; the plain-text part is not HTML and is not escaped.
"""

from __future__ import annotations

from typing import Any

import css_inline
from flask import current_app
from flask_babel import force_locale

_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def _render(name: str, **context: Any) -> str:
    """Render without the web context processors: mail is built by jobs, with no request."""
    return current_app.jinja_env.get_template(name).render(**context)


def render(template: str, language: str, **context: Any) -> tuple[str, str]:
    """(text, html) of `templates/email/<template>.txt|.html` in the given language."""
    with force_locale(language or "fr"):
        text = _render(f"email/{template}.txt", language=language, **context)
        html = _render(f"email/{template}.html", language=language, **context)
    return text, _inliner.inline(html)
