"""`procure demo`: load the demo data (buyers, facilitator, suppliers, tenders)."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from procure.accounts.models import User
from procure.demo.loader import DEMO_LOGINS, DEMO_PASSWORD, load_demo
from procure.extensions import db


def demo_logins(session) -> list[tuple[str, str]]:
    """The demo log-ins that exist in this database, in the order a visitor tries them."""
    existing = set(session.scalars(select(User.email).where(User.is_active_account.is_(True))))
    return [(role, email) for role, email in DEMO_LOGINS if email in existing]


@click.command("demo", help="Load the demo data (idempotent).")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    if current_app.config.get("ENV") == "production":
        # The demo creates a facilitator whose password is published in the README.
        click.echo(
            "error: procure demo refuses to run in production (PROCURE_ENV=production): it "
            "creates accounts whose password is public. Create a facilitator with "
            "`procure users create-admin EMAIL` instead.",
            err=True,
        )
        sys.exit(1)

    if if_empty and db.session.scalar(select(func.count(User.id))):
        click.echo("demo: database already has data, nothing loaded")
    else:
        summary = load_demo(db.session)
        db.session.commit()
        click.echo(f"demo: {summary}")
    logins = demo_logins(db.session)
    if not logins:
        click.echo("demo: no demo log-in in this database (run `procure demo` to add them)")
        return
    click.echo(f"demo log-ins (password for all: {DEMO_PASSWORD}):")
    for role, email in logins:
        click.echo(f"  {role:<12} {email}")
