"""The facilitator's home page."""

from flask import Blueprint, render_template

from procure.core.auth import admin_required
from procure.dashboard.counts import facilitator_counts
from procure.extensions import db

bp = Blueprint("dashboard", __name__)


@bp.get("/admin/")
@admin_required
def admin_home():
    """The facilitator's dashboard: what waits for them."""
    return render_template("admin/home.html", counts=facilitator_counts(db.session))
