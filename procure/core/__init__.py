"""Cross-cutting web concerns: home page, error pages, security headers, locale."""

from flask import Flask
from flask_babel import get_locale
from flask_talisman import Talisman

from procure.core.errors import register_error_handlers
from procure.core.formatting import register_formatting
from procure.core.hygiene import register_hygiene
from procure.core.nav import nav_links
from procure.core.views import bp

# Only this site's own scripts, styles and images; no inline script anywhere.
CSP = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
}


def register_core(app: Flask) -> None:
    secure = bool(app.config["SESSION_COOKIE_SECURE"])
    Talisman(
        app,
        force_https=secure and not app.testing,
        strict_transport_security=secure,
        session_cookie_secure=secure,
        session_cookie_http_only=True,
        content_security_policy=CSP,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
    )
    app.register_blueprint(bp)
    app.jinja_env.globals.update(nav_links=nav_links, get_locale=get_locale)
    register_formatting(app)
    register_error_handlers(app)
    register_hygiene(app)
