"""Wiring of OCDS import and export into the app (`init_app`, listed in procure.features)."""

from __future__ import annotations

from flask import Flask

from procure.commands import command_group
from procure.ocds.cli import export_ocds_command, import_ocds_command


def init_app(app: Flask) -> None:
    command_group(app, "import").add_command(import_ocds_command)
    command_group(app, "export").add_command(export_ocds_command)
