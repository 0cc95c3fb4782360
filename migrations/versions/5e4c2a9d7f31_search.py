"""search: the outbox, and on PostgreSQL the full-text search schema

Revision ID: 5e4c2a9d7f31
Revises: 03c8c5d16d51
Create Date: 2026-12-01 10:00:00.000000

On PostgreSQL this creates the ``unaccent`` extension (trusted: the database owner may create
it) and a ``search`` schema holding the search documents, their GIN index, the vocabulary for
"did you mean", folding functions and two text search configurations. The schema is outside
the SQLAlchemy metadata on purpose (see ``wiki/search/postgres_backend.py``).
"""
from alembic import op
import sqlalchemy as sa

import wiki.db


# revision identifiers, used by Alembic.
revision = '5e4c2a9d7f31'
down_revision = '03c8c5d16d51'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('created_at', wiki.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox'))
    )
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_outbox_standard_id'), ['standard_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        _create_search_schema()


def _create_search_schema():
    bind = op.get_bind()
    bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    unaccent = bind.exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
    ).scalar_one()
    bind.exec_driver_sql("CREATE SCHEMA search")
    # unaccent maps ñ to n ("año" would become "ano"): ñ is swapped for a private-use
    # character around it. The two-argument unaccent names its dictionary, so the result
    # does not depend on search_path and the function may be IMMUTABLE.
    bind.exec_driver_sql(f"""
        CREATE FUNCTION search.fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT translate(
                lower({unaccent}.unaccent(
                    '{unaccent}.unaccent'::regdictionary,
                    translate(normalize(t, NFC), 'ñÑ', E'\\uE000\\uE000'))),
                E'\\uE000', 'ñ')
        $$
    """)
    # The Snowball Spanish stemmer strips "-ación"/"-ución" but not the folded "-acion";
    # restoring that accent makes "evaluacion", "evaluación" and "evaluaciones" one stem.
    bind.exec_driver_sql(r"""
        CREATE FUNCTION search.fold_spanish(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT regexp_replace(search.fold(t), '([au])cion\M', '\1ción', 'g')
        $$
    """)
    bind.exec_driver_sql(
        "CREATE TEXT SEARCH CONFIGURATION search.spanish_folded (COPY = pg_catalog.spanish)"
    )
    bind.exec_driver_sql(
        "CREATE TEXT SEARCH CONFIGURATION search.english_folded (COPY = pg_catalog.english)"
    )
    bind.exec_driver_sql("""
        CREATE FUNCTION search.config(language text) RETURNS regconfig
        LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
            SELECT CASE WHEN language = 'es' THEN 'search.spanish_folded'::regconfig
                        ELSE 'search.english_folded'::regconfig END
        $$
    """)
    bind.exec_driver_sql("""
        CREATE FUNCTION search.prepare(language text, t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT CASE WHEN language = 'es' THEN search.fold_spanish(t) ELSE search.fold(t) END
        $$
    """)
    bind.exec_driver_sql("""
        CREATE FUNCTION search.document_vector(
            language text, codes text[], title text, metadata text, body text
        ) RETURNS tsvector
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT setweight(array_to_tsvector(codes), 'A')
                || setweight(to_tsvector(search.config(language), search.prepare(language, title)), 'A')
                || setweight(to_tsvector(search.config(language), search.prepare(language, metadata)), 'C')
                || setweight(to_tsvector(search.config(language), search.prepare(language, body)), 'D')
        $$
    """)
    bind.exec_driver_sql("""
        CREATE FUNCTION search.word_query(language text, word text) RETURNS tsquery
        LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
            SELECT plainto_tsquery(search.config(language), search.prepare(language, word))
        $$
    """)
    bind.exec_driver_sql("""
        CREATE FUNCTION search.phrase_query(language text, words text) RETURNS tsquery
        LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
            SELECT phraseto_tsquery(search.config(language), search.prepare(language, words))
        $$
    """)
    bind.exec_driver_sql("""
        CREATE TABLE search.documents (
            doc_id text PRIMARY KEY,
            standard_id integer NOT NULL,
            edition_id integer,
            status text NOT NULL,
            stage text NOT NULL,
            scope text NOT NULL,
            committee_id integer NOT NULL,
            committee_name text NOT NULL,
            sector text NOT NULL,
            language text NOT NULL,
            level integer NOT NULL,
            code text,
            title text NOT NULL,
            body text NOT NULL,
            dated_at timestamptz NOT NULL,
            version text NOT NULL,
            vector tsvector NOT NULL
        )
    """)
    bind.exec_driver_sql(
        "CREATE INDEX documents_vector_idx ON search.documents USING gin (vector)"
    )
    bind.exec_driver_sql(
        "CREATE INDEX documents_standard_id_idx ON search.documents (standard_id)"
    )
    bind.exec_driver_sql("""
        CREATE TABLE search.vocabulary (
            scope text NOT NULL,
            word text COLLATE "C" NOT NULL,
            PRIMARY KEY (scope, word)
        )
    """)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        # unaccent stays installed: other schemas may use it.
        op.get_bind().exec_driver_sql("DROP SCHEMA IF EXISTS search CASCADE")
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_outbox_standard_id'))

    op.drop_table('search_outbox')
