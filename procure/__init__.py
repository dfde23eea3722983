"""procure: socially responsible public procurement matching."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from procure import settings as settings_mod
from procure.extensions import (
    babel,
    csrf,
    db,
    dispose_pools_after_fork,
    limiter,
    login_manager,
    migrate,
)


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from layered settings. No side effects: no database, no network."""
    instance = settings_mod.instance_path()
    app = Flask(
        __name__,
        instance_path=str(instance),
        template_folder=str(settings_mod.ROOT / "templates"),
    )
    conf = settings_mod.load_settings(overrides)
    app.config.update(conf)
    app.config["SQLALCHEMY_DATABASE_URI"] = settings_mod.database_uri(
        conf.get("DATABASE_URL", ""), instance
    )
    app.config.setdefault("OUTBOX_DIR", str(instance / "outbox"))
    app.config["RATELIMIT_HEADERS_ENABLED"] = True
    # A connection dropped by the server (restart, idle timeout) is replaced, not served.
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})

    import procure.models  # noqa: F401  (registers every table)

    db.init_app(app)
    dispose_pools_after_fork(app)
    migrate.init_app(
        app,
        db,
        directory=str(settings_mod.ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    from procure.core.i18n import select_locale

    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(settings_mod.ROOT / "procure/translations"),
    )
    login_manager.init_app(app)

    from procure.core import register_core
    from procure.features import register_features

    register_core(app)
    register_features(app)
    return app
