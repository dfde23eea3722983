"""Wiring of the Spaser feature into the app: blueprints, menu links, CLI."""

from __future__ import annotations

from flask import Flask


def register_spaser(app: Flask) -> None:
    from procure.spaser.cli import register_cli

    register_cli(app)
