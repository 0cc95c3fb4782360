"""Rebuild every revision's HTML and structure: sub-criteria nest and get their own ids

Revision ID: 4b8e6f1d2c90
Revises: 7c41e2b9a0d3
Create Date: 2026-12-02 09:40:00

The renderer now nests list items indented two or more columns (as the structure parser
does), and sub-criteria get stable ids (``E0001-d1-c2``). Markdown and content hashes are
untouched; ``flask standards rebuild`` does the same by hand.
"""
from alembic import op

from wiki.standards.rebuild import rebuild_revisions

# revision identifiers, used by Alembic.
revision = '4b8e6f1d2c90'
down_revision = '7c41e2b9a0d3'
branch_labels = None
depends_on = None


def upgrade():
    rebuild_revisions(op.get_bind())


def downgrade():
    # The older renderings were wrong; there is nothing worth restoring.
    pass
