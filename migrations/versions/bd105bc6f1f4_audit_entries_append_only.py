"""audit entries are append-only: the database refuses UPDATE and DELETE on them

Revision ID: bd105bc6f1f4
Revises: 5e4c2a9d7f31
Create Date: 2025-01-20 10:00:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'bd105bc6f1f4'
down_revision = '5e4c2a9d7f31'
branch_labels = None
depends_on = None

MESSAGE = "audit entries are append-only"


def upgrade():
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entries_no_{event.lower()} BEFORE {event} ON audit_entries "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )


def downgrade():
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_entries_append_only ON audit_entries")
        op.execute("DROP FUNCTION audit_entries_refuse_change()")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER audit_entries_no_{event}")
