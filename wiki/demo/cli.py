"""``flask seed-demo``: load the demo committees, people and standards."""

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from wiki.demo.loader import DemoRefused, seed_demo
from wiki.errors import DomainError
from wiki.extensions import db

#: where the first run keeps the demo log-ins, so later runs can point at them
LOGINS_FILE = "demo-logins.txt"


@click.command("seed-demo")
@click.option("--password", default=None, help="One password for every demo account.")
@with_appcontext
def seed_demo_command(password):
    """Load demo content (does nothing when it is already loaded)."""
    try:
        report = seed_demo(password=password)
    except (DemoRefused, DomainError) as error:
        db.session.rollback()
        message = error.message % error.details if isinstance(error, DomainError) else str(error)
        raise click.ClickException(message) from error
    db.session.commit()
    logins = Path(current_app.instance_path) / LOGINS_FILE
    if report.startswith("Demo content loaded"):
        fd = os.open(logins, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(report + "\n")
    elif logins.exists():
        report += f"\nThe demo log-ins are in {logins}."
    if current_app.config["REQUIRE_TWO_FACTOR_FOR_ADMINS"]:
        report += (
            "\nAdministrators set up two-step verification (an authenticator app) at their "
            "first log-in;\nWIKI_REQUIRE_TWO_FACTOR_FOR_ADMINS=0 turns that requirement off."
        )
    click.echo(report)
