"""Re-render stored revisions after the renderer or the structure parser changed.

Revisions keep their HTML, table of contents and parsed structure from save time, so that
page views never render Markdown. When the rules that produce them change, every stored
revision is rebuilt from its Markdown, which stays untouched with its content hash. Works on
a bare connection, so a migration can call it without the application.
"""

from collections.abc import Callable

from sqlalchemy import JSON, Connection, column, select, table, update
from sqlalchemy.types import Integer, Text

from wiki.standards.rendering import render_markdown
from wiki.standards.structure import Structure, parse_structure

_revisions = table(
    "revisions",
    column("id", Integer),
    column("standard_id", Integer),
    column("number", Integer),
    column("body_markdown", Text),
    column("body_html", Text),
    column("toc", JSON),
    column("structure", JSON),
)


def rebuild_revisions(
    connection: Connection, progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Rebuild every revision, each from its predecessor's structure so ids carry forward.

    Returns ``(revisions read, revisions changed)``; ``progress`` is called with each
    standard's revision count.
    """
    read = changed = 0
    standard_ids = connection.execute(
        select(_revisions.c.standard_id).distinct().order_by(_revisions.c.standard_id)
    ).scalars()
    for standard_id in list(standard_ids):
        previous: Structure | None = None
        rows = connection.execute(
            select(_revisions)
            .where(_revisions.c.standard_id == standard_id)
            .order_by(_revisions.c.number)
        ).all()
        for row in rows:
            structure = parse_structure(row.body_markdown, previous)
            rendered = render_markdown(row.body_markdown, structure, new_text=False)
            values = {
                "body_html": rendered.html,
                "toc": [[e.level, e.anchor, e.title] for e in rendered.toc],
                "structure": structure.to_dict(),
            }
            if any(getattr(row, name) != value for name, value in values.items()):
                connection.execute(
                    update(_revisions).where(_revisions.c.id == row.id).values(**values)
                )
                changed += 1
            previous = structure
        read += len(rows)
        if progress is not None:
            progress(len(rows))
    return read, changed
