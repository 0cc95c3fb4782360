"""search: keep each document's tsvector in its row (STORAGE MAIN), not in TOAST

Ranking reads the vector of every match. Stored out of line (the default for values over
2 KB), each one costs a TOAST index lookup and several chunk reads, and the planner, which
does not see TOAST pages, takes the small heap for cheap and scans it instead of using the
GIN index. Kept in the row, ranking reads one page per match and the heap's size tells the
planner the truth. Rows already written are rewritten here.

Revision ID: 7c41e2b9a0d3
Revises: bd105bc6f1f4
Create Date: 2026-11-28 17:10:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '7c41e2b9a0d3'
down_revision = 'bd105bc6f1f4'
branch_labels = None
depends_on = None


def _store_vectors(storage: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE search.documents ALTER COLUMN vector SET STORAGE {storage}")
    # A new value is stored the new way; concatenating nothing makes one.
    op.execute("UPDATE search.documents SET vector = vector || ''::tsvector")
    op.execute("ANALYZE search.documents")


def upgrade():
    _store_vectors("MAIN")


def downgrade():
    _store_vectors("EXTENDED")
