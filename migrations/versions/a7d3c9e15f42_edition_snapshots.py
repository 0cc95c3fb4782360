"""Editions keep the title and metadata they were published with

Revision ID: a7d3c9e15f42
Revises: 4b8e6f1d2c90
Create Date: 2026-12-03 10:15:00

Until now an edition showed its standard's live title and metadata, so the next draft's level
or occupations appeared on editions already published. Each edition gets its own copy. For
editions published before, the title comes from the edition's revision and the metadata (and
the committee's name) is the value in force at ``published_at``: today's value with every
later change in the audit log undone, newest first. The review period was already copied at
publication and stays. The editions' search documents are queued for indexing again.
"""
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

import wiki.db

# revision identifiers, used by Alembic.
revision = 'a7d3c9e15f42'
down_revision = '4b8e6f1d2c90'
branch_labels = None
depends_on = None

#: metadata a member could change after publication ("standard.metadata_changed" entries)
EDITABLE = ("level", "certificate_validity_years", "occupations", "industry_code", "organisations")



def _copied_columns():
    """The columns editions copy from standards, as both tables name them."""
    return (
        sa.column("committee_id", sa.Integer),
        sa.column("language", sa.String),
        *(sa.column(name, sa.Integer) for name in ("level", "certificate_validity_years")),
        *(sa.column(name, sa.Text) for name in ("occupations", "industry_code", "organisations")),
    )


editions = sa.table(
    "editions",
    sa.column("id", sa.Integer),
    sa.column("standard_id", sa.Integer),
    sa.column("revision_id", sa.Integer),
    sa.column("published_at", wiki.db.UTCDateTime),
    sa.column("title", sa.String),
    sa.column("committee_name", sa.String),
    *_copied_columns(),
)
standards = sa.table("standards", sa.column("id", sa.Integer), *_copied_columns())
revisions = sa.table("revisions", sa.column("id", sa.Integer), sa.column("title", sa.String))
committees = sa.table("committees", sa.column("id", sa.Integer), sa.column("name", sa.String))
audit_entries = sa.table(
    "audit_entries",
    sa.column("id", sa.Integer),
    sa.column("created_at", wiki.db.UTCDateTime),
    sa.column("action", sa.String),
    sa.column("standard_id", sa.Integer),
    sa.column("subject_type", sa.String),
    sa.column("subject_id", sa.Integer),
    sa.column("before", sa.JSON),
)
search_outbox = sa.table(
    "search_outbox",
    sa.column("standard_id", sa.Integer),
    sa.column("created_at", wiki.db.UTCDateTime),
)


def upgrade():
    with op.batch_alter_table('editions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('committee_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('level', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('certificate_validity_years', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('occupations', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('industry_code', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('organisations', sa.Text(), nullable=True))

    fill_snapshots(op.get_bind())

    with op.batch_alter_table('editions', schema=None) as batch_op:
        for name in ('title', 'committee_id', 'committee_name', 'language', 'level',
                     'certificate_validity_years', 'occupations', 'industry_code',
                     'organisations'):
            batch_op.alter_column(name, nullable=False)
        batch_op.create_index(batch_op.f('ix_editions_committee_id'), ['committee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_editions_committee_id_committees'), 'committees', ['committee_id'], ['id'])


def downgrade():
    with op.batch_alter_table('editions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_editions_committee_id_committees'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_editions_committee_id'))
        for name in ('organisations', 'industry_code', 'occupations', 'certificate_validity_years',
                     'level', 'language', 'committee_name', 'committee_id', 'title'):
            batch_op.drop_column(name)


def _undo_later_changes(current: dict, changes: list, moment) -> dict:
    """``current`` as it was at ``moment``: ``changes`` are (time, before), newest first."""
    value = dict(current)
    for changed_at, before in changes:
        if changed_at <= moment:
            break
        value.update({name: old for name, old in (before or {}).items() if name in value})
    return value


def fill_snapshots(connection) -> int:
    """Give every edition its title and the metadata in force when it was published."""
    rows = connection.execute(
        sa.select(
            editions.c.id, editions.c.standard_id, editions.c.published_at,
            revisions.c.title, standards.c.committee_id, standards.c.language,
            *(standards.c[name] for name in EDITABLE), committees.c.name.label("committee_name"),
        )
        .select_from(editions)
        .join(revisions, revisions.c.id == editions.c.revision_id)
        .join(standards, standards.c.id == editions.c.standard_id)
        .join(committees, committees.c.id == standards.c.committee_id)
        .order_by(editions.c.id)
    ).mappings().all()
    metadata_changes = defaultdict(list)
    renames = defaultdict(list)
    for entry in connection.execute(
        sa.select(
            audit_entries.c.action, audit_entries.c.standard_id, audit_entries.c.subject_id,
            audit_entries.c.created_at, audit_entries.c.before,
        )
        .where(audit_entries.c.action.in_(("standard.metadata_changed", "committee.renamed")))
        .order_by(audit_entries.c.created_at.desc(), audit_entries.c.id.desc())
    ):
        if entry.action == "committee.renamed":
            renames[entry.subject_id].append((entry.created_at, entry.before))
        else:
            metadata_changes[entry.standard_id].append((entry.created_at, entry.before))
    for row in rows:
        metadata = _undo_later_changes(
            {name: row[name] for name in EDITABLE},
            metadata_changes[row["standard_id"]],
            row["published_at"],
        )
        committee = _undo_later_changes(
            {"name": row["committee_name"]}, renames[row["committee_id"]], row["published_at"]
        )
        connection.execute(
            editions.update()
            .where(editions.c.id == row["id"])
            .values(
                title=row["title"],
                committee_id=row["committee_id"],
                committee_name=committee["name"],
                language=row["language"],
                **metadata,
            )
        )
    standard_ids = sorted({row["standard_id"] for row in rows})
    if standard_ids:
        now = wiki.db.utcnow()
        connection.execute(
            search_outbox.insert(), [{"standard_id": i, "created_at": now} for i in standard_ids]
        )
    return len(rows)
