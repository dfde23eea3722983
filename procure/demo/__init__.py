"""`procure demo`: load the demo data (buyers, facilitator, suppliers, tenders)."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from procure.accounts.models import User
from procure.demo.loader import DEMO_LOGINS, load_demo
from procure.extensions import db


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
    click.echo("demo log-ins (password for all: demo-procure-2026):")
    for role, email in DEMO_LOGINS:
        click.echo(f"  {role:<12} {email}")
