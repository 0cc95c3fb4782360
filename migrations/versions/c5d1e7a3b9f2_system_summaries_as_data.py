"""Revision summaries the wiki wrote in English become data, shown in the reader's language

Revision ID: c5d1e7a3b9f2
Revises: a7d3c9e15f42
Create Date: 2026-12-02 10:30:00

``create_standard`` stored "Created" and ``restore_revision`` "Restored revision N" as the
summary; Spanish readers saw English. A revision already records what these said (number 1,
``restored_from_number``), so the texts the code wrote, exactly, become empty summaries, which
pages put into words. A summary someone typed is left alone.
"""
from alembic import op
from sqlalchemy import Integer, String, cast, column, literal, table, update

# revision identifiers, used by Alembic.
revision = 'c5d1e7a3b9f2'
down_revision = 'a7d3c9e15f42'
branch_labels = None
depends_on = None

_revisions = table(
    "revisions",
    column("number", Integer),
    column("restored_from_number", Integer),
    column("summary", String),
)
_CREATED = "Created"
_RESTORED = "Restored revision "


def _restored_text():
    return literal(_RESTORED, String) + cast(_revisions.c.restored_from_number, String)


def upgrade():
    op.execute(
        update(_revisions)
        .where(_revisions.c.number == 1, _revisions.c.summary == _CREATED)
        .values(summary="")
    )
    op.execute(
        update(_revisions)
        .where(
            _revisions.c.restored_from_number.is_not(None),
            _revisions.c.summary == _restored_text(),
        )
        .values(summary="")
    )


def downgrade():
    op.execute(
        update(_revisions)
        .where(_revisions.c.number == 1, _revisions.c.summary == "")
        .values(summary=_CREATED)
    )
    op.execute(
        update(_revisions)
        .where(_revisions.c.restored_from_number.is_not(None), _revisions.c.summary == "")
        .values(summary=_restored_text())
    )
