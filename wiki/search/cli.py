"""``flask search reindex``, ``flask search check`` and ``flask search drain``."""

import sys

import click
from flask.cli import AppGroup

from wiki.search.backends import current_backend
from wiki.search.maintenance import batch_count, check_index, rebuild_index
from wiki.search.outbox import drain_outbox

search_cli = AppGroup("search", help="Maintain the full-text search index.")


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the whole index from the database."""
    batches = batch_count()

    def progress(iterable):
        with click.progressbar(
            iterable,
            length=batches,
            label="Indexing standards",
            file=sys.stderr,
        ) as bar:
            yield from bar

    count = rebuild_index(current_backend(), progress=progress)
    click.echo(f"Indexed {count} documents.")


@search_cli.command("check")
def check_command() -> None:
    """Report documents missing from the index or stale in it; exit 1 if there are any."""
    drift = check_index(current_backend())
    for label, doc_ids in (
        ("Missing", drift.missing),
        ("Stale", drift.stale),
        ("In the index but not in the database", drift.orphaned),
    ):
        if doc_ids:
            click.echo(f"{label}: {len(doc_ids)}")
            for doc_id in doc_ids:
                click.echo(f"  {doc_id}")
    if not drift.clean:
        click.echo("Run `flask search reindex` to rebuild the index.")
        raise SystemExit(1)
    click.echo("The index matches the database.")


@search_cli.command("drain")
def drain_command() -> None:
    """Index the standards waiting in the outbox now."""
    click.echo(f"Indexed {drain_outbox()} outbox rows.")
