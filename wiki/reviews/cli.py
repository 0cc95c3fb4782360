"""``flask reviews …``: the review-cycle job cron runs."""

import datetime as dt

import click
from flask.cli import with_appcontext

from wiki.http import unit_of_work
from wiki.reviews.operations import notify_due_reviews


@click.group("reviews", help="Review-cycle jobs for cron.")
def reviews_cli():
    pass


@reviews_cli.command("notify")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date to check against (default: today, UTC).",
)
@with_appcontext
def notify_command(today):
    """Notify committees of editions past their review date, once per edition."""
    day = today.date() if today else dt.datetime.now(dt.UTC).date()
    sent = unit_of_work.run(lambda: notify_due_reviews(day))
    for due in sent:
        click.echo(f"{due.edition.code} is due for review since {due.due_on.isoformat()}.")
    click.echo(f"{len(sent)} edition(s) newly due for review.")
