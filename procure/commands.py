"""Command groups several features add to (`procure import ...`, `procure export ...`,
`procure bench ...`): fetched from the app's CLI when present and created otherwise, so the
order in which features are plugged in does not matter."""

from __future__ import annotations

import click
from flask import Flask

HELP = {
    "import": "Import suppliers, tenders or contracts from files.",
    "export": "Export data.",
    "bench": "Run a benchmark and print its figures.",
    "report": "Print reports.",
}


def command_group(app: Flask, name: str) -> click.Group:
    group = app.cli.commands.get(name)
    if not isinstance(group, click.Group):
        group = click.Group(name, help=HELP.get(name))
        app.cli.add_command(group)
    return group
