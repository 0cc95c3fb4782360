"""``flask ballots …``: the ballot jobs cron runs."""

import click
from flask.cli import with_appcontext

from wiki.ballots import operations, queries
from wiki.db import utcnow
from wiki.errors import DomainError
from wiki.extensions import db


@click.group("ballots", help="Ballot jobs for cron.")
def ballots_cli():
    pass


@ballots_cli.command("close-due")
@with_appcontext
def close_due_command():
    """Close ballots past their closing date; announce those closing within 48 hours."""
    now = utcnow()
    closed = 0
    for ballot_id in queries.due_ballot_ids(now):
        try:
            result = operations.close_due_ballot(ballot_id, now)
        except DomainError as error:
            db.session.rollback()
            click.echo(f"Ballot {ballot_id} could not be closed: {error.message}", err=True)
            continue
        db.session.commit()
        if result is not None:
            closed += 1
            outcome = "passed" if result.passed else "failed"
            click.echo(f"Closed ballot {ballot_id}: {outcome}.")
    reminded = [ballot.id for ballot in operations.remind_closing_soon(now)]
    db.session.commit()
    for ballot_id in reminded:
        click.echo(f"Ballot {ballot_id} closes within 48 hours: reminder sent.")
    click.echo(f"{closed} ballot(s) closed, {len(reminded)} reminder(s) sent.")
