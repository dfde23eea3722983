"""The `procure` console script: the app's Flask CLI, needing no FLASK_APP."""

import click
from flask.cli import FlaskGroup

from procure import create_app


def _create_app():
    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)
def cli() -> None:
    """procure: socially responsible public procurement matching."""


def main() -> None:
    cli(prog_name="procure")
