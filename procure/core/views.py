"""The home page, the accessibility statement and the language switch."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from procure.core.i18n import LANG_COOKIE
from procure.core.urls import safe_next
from procure.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    return render_template("home.html")


@bp.get("/accessibilite")
def accessibility():
    """The accessibility statement (déclaration d'accessibilité, RGAA 4.1)."""
    return render_template("accessibility.html")


@bp.get("/lang/<code>")
def set_language(code: str):
    target = safe_next(request.args.get("next")) or url_for("core.home")
    response = redirect(target)
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANG_COOKIE,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
        )
        if current_user.is_authenticated:
            current_user.language = code
            db.session.commit()
    return response
