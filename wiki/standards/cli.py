"""``flask standards …``: maintenance of stored revisions."""

import click
from flask.cli import with_appcontext

from wiki.extensions import db
from wiki.standards.rebuild import rebuild_revisions


@click.group("standards", help="Maintenance of standards' stored revisions.")
def standards_cli():
    pass


@standards_cli.command("rebuild")
@with_appcontext
def rebuild_command():
    """Re-render every revision's HTML, contents and structure from its Markdown."""
    read, changed = rebuild_revisions(db.session.connection())
    db.session.commit()
    click.echo(f"Rebuilt {read} revision(s); {changed} changed.")
