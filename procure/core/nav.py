"""Navigation links that feature packages register for the roles that may follow them."""

from collections.abc import Iterable

from flask import Flask, current_app
from flask_babel import LazyString

from procure.domain.roles import Role

_EXT_KEY = "procure_nav"


def register_nav(app: Flask, endpoint: str, label: LazyString | str, roles: Iterable[Role]) -> None:
    app.extensions.setdefault(_EXT_KEY, []).append((endpoint, label, frozenset(roles)))


def nav_links() -> list[tuple[str, LazyString | str, frozenset[Role]]]:
    return list(current_app.extensions.get(_EXT_KEY, []))
