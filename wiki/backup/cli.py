"""``flask backup`` and ``flask restore``."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from wiki.backup.archive import BackupError
from wiki.backup.operations import restore_backup, take_backup


@click.command("backup")
@click.option(
    "--output",
    type=click.Path(dir_okay=True),
    help="File to write, or a folder for a dated name (default: instance/backups/).",
)
@with_appcontext
def backup_command(output: str | None) -> None:
    """Write a consistent backup of the database and the instance files; the wiki may run."""
    try:
        path, manifest = take_backup(output)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    size = path.stat().st_size
    click.echo(
        f"Backed up the {manifest.database} database (schema "
        f"{', '.join(manifest.alembic_revisions)}) to {path} ({size:,} bytes)."
    )


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
@with_appcontext
def restore_command(path: Path, force: bool) -> None:
    """Restore a backup made by `flask backup`, then rebuild the search index.

    Stop the wiki's workers first.
    """
    try:
        restored = restore_backup(path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    manifest = restored.manifest
    click.echo(
        f"Restored the {manifest.database} database as of {manifest.created_at} "
        f"(taken by version {manifest.app_version})."
    )
    if restored.upgraded_from:
        click.echo(f"Migrated its schema from {', '.join(restored.upgraded_from)}.")
    for name in restored.files:
        click.echo(f"Restored instance/{name}.")
    click.echo(f"Rebuilt the search index: {restored.documents} documents.")
