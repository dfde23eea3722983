"""`procure users create-token EMAIL`: an API bearer token for an account, printed once (the
command sits in the `users` group that procure.accounts creates)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from procure.accounts import services
from procure.api.auth import create_token as make_token
from procure.extensions import db


@click.command("create-token")
@click.argument("email")
@click.option("--name", default="", help="What the token is for (an integration's name).")
@with_appcontext
def create_token(email: str, name: str) -> None:
    """Create an API token for the account EMAIL; the token is printed once."""
    user = services.find_user(db.session, email)
    if user is None:
        raise click.ClickException(f"no account for {email}")
    token = make_token(db.session, user, name)
    db.session.commit()
    click.echo(token)
