"""`procure users ...`: account administration from the command line."""

import secrets

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from procure.accounts import services
from procure.accounts.models import Role, User
from procure.extensions import db


@click.group("users", help="Manage user accounts.")
def users_cli() -> None:
    pass


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="Display name.")
@click.option("--password", default=None, help="Password (default: a random one, printed once).")
@with_appcontext
def create_admin(email: str, name: str, password: str | None) -> None:
    """Create a facilitator (administrator) account for EMAIL."""
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    try:
        services.create_user(db.session, email, password, Role.ADMIN, name=name)
    except services.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"created admin {services.normalise_email(email)}")
    if generated:
        click.echo(f"password: {password}")


@users_cli.command("list")
@with_appcontext
def list_users() -> None:
    """List accounts with their role."""
    for user in db.session.scalars(select(User).order_by(User.id)):
        click.echo(f"{user.id}\t{user.role}\t{user.email}")
