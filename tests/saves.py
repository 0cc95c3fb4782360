"""Saves whose text carries a word found nowhere else, and the check that revisions are whole.

Used by the tests that interrupt saves (a backup taken meanwhile, a worker killed): whatever
survives must be whole.
"""

from collections import defaultdict

from sqlalchemy import select

from tests.standard_factories import SPANISH_BODY
from wiki.standards.models import Revision, Standard
from wiki.standards.operations import content_hash


def marker(n: int, prefix: str = "respaldo") -> str:
    """A word found once in the whole wiki: letters only, so every analyzer keeps it whole."""
    return prefix + "".join(chr(ord("a") + int(digit)) for digit in f"{n:05d}")


def body_with(word: str) -> str:
    """The standard's text with ``word`` in its description (which search indexes)."""
    return SPANISH_BODY.replace("## Nivel", f"Marca de la copia: {word}.\n\n## Nivel")


def revision_rows(session) -> list:
    return session.execute(
        select(
            Revision.id,
            Revision.standard_id,
            Revision.number,
            Revision.parent_number,
            Revision.title,
            Revision.body_markdown,
            Revision.content_hash,
            Revision.summary,
        ).order_by(Revision.standard_id, Revision.number)
    ).all()


def assert_revisions_whole(session) -> dict[int, list]:
    """Chains contiguous from 1, each standard's head its last revision, hashes matching text.

    Returns the revisions by standard id.
    """
    by_standard = defaultdict(list)
    for row in revision_rows(session):
        assert row.content_hash == content_hash(row.title, row.body_markdown), row
        by_standard[row.standard_id].append(row)
    heads = dict(session.execute(select(Standard.id, Standard.head_revision_id)).all())
    assert set(by_standard) == set(heads)
    for standard_id, rows in by_standard.items():
        assert [row.number for row in rows] == list(range(1, len(rows) + 1))
        assert [row.parent_number for row in rows] == [None, *range(1, len(rows))]
        assert heads[standard_id] == rows[-1].id
    return dict(by_standard)
