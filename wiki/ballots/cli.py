"""``flask ballots …``: the ballot jobs cron runs."""

import click
from flask.cli import with_appcontext

from wiki.ballots import operations, queries
from wiki.db import utcnow
from wiki.errors import DomainError
from wiki.http import unit_of_work


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
        # One transaction per ballot, so one that cannot close leaves the others alone; a vote
        # or a save may hold the same rows, so it runs again if the database aborts it.
        try:
            result = unit_of_work.run(
                lambda ballot_id=ballot_id: operations.close_due_ballot(ballot_id, now)
            )
        except DomainError as error:
            click.echo(f"Ballot {ballot_id} could not be closed: {error.message}", err=True)
            continue
        if result is not None:
            closed += 1
            outcome = "passed" if result.passed else "failed"
            click.echo(f"Closed ballot {ballot_id}: {outcome}.")
    reminded = unit_of_work.run(lambda: [b.id for b in operations.remind_closing_soon(now)])
    for ballot_id in reminded:
        click.echo(f"Ballot {ballot_id} closes within 48 hours: reminder sent.")
    click.echo(f"{closed} ballot(s) closed, {len(reminded)} reminder(s) sent.")
