"""The search migration: schema equal to the models on both databases, and PostgreSQL analysis."""

import hashlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from tests.conftest import ThrowawayDatabase
from wiki import create_app
from wiki.extensions import db
from wiki.search import analysis

SEARCH_REVISION = "5e4c2a9d7f31"


def _previous(revision: str) -> str:
    """The revision the search migration follows (the lead chains migrations)."""
    scripts = ScriptDirectory(str(Path(__file__).resolve().parents[2] / "migrations"))
    return scripts.get_revision(revision).down_revision


def search_differences(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [diff for diff in compare_metadata(context, db.metadata) if "search" in repr(diff)]


def test_upgraded_schema_has_no_search_drift_from_the_models(app, db_session):
    assert search_differences(db_session.connection()) == []
    assert "search_outbox" in inspect(db_session.connection()).get_table_names()


def test_downgrade_removes_what_the_search_migration_added(db_kind, tmp_path):
    # Only this migration goes up and down; others on the same base are not involved.
    database = ThrowawayDatabase(db_kind, tmp_path)
    database.create()
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database.url,
            "SECRET_KEY": "migration-test",
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    try:
        with app.app_context():
            upgrade(revision=SEARCH_REVISION)
            downgrade(revision=_previous(SEARCH_REVISION))
            with db.engine.connect() as connection:
                assert "search_outbox" not in inspect(connection).get_table_names()
                if db_kind == "postgresql":
                    assert "search" not in inspect(connection).get_schema_names()
            upgrade(revision=SEARCH_REVISION)
            with db.engine.connect() as connection:
                assert "search_outbox" in inspect(connection).get_table_names()
            db.engine.dispose()
    finally:
        database.drop()


postgresql_only = pytest.mark.skipif("config.getoption('--db') != 'postgresql'")


@postgresql_only
def test_usual_unaccent_then_stem_chain_misses_the_plural(db_session):
    usual = db_session.execute(
        text(
            "SELECT to_tsvector('spanish', unaccent('evaluaciones'))"
            " @@ plainto_tsquery('spanish', unaccent('evaluacion'))"
        )
    ).scalar()
    ours = db_session.execute(
        text(
            "SELECT search.document_vector('es', '{}', '', '', 'evaluaciones')"
            " @@ search.word_query('es', 'evaluacion')"
        )
    ).scalar()
    assert (usual, ours) == (False, True)


@postgresql_only
def test_unaccent_would_merge_ano_and_ano_but_our_fold_does_not(db_session):
    assert db_session.execute(text("SELECT unaccent('año')")).scalar() == "ano"
    assert db_session.execute(text("SELECT search.fold('AÑO Año')")).scalar() == "año año"
    matches = db_session.execute(
        text(
            "SELECT search.document_vector('es', '{}', '', '', 'cada año')"
            " @@ search.word_query('es', 'ano')"
        )
    ).scalar()
    assert matches is False


@postgresql_only
@pytest.mark.parametrize(
    "text_",
    ["Educación", "GESTIÓN", "AÑO", "pingüino", "Évaluación", "canción", "Ñandú", "diseño"],
)
def test_sql_fold_agrees_with_the_python_fold(db_session, text_):
    folded = db_session.execute(text("SELECT search.fold(:t)"), {"t": text_}).scalar()
    assert folded == analysis.fold(text_)


@postgresql_only
@pytest.mark.parametrize(
    "word", ["evaluacion", "evaluaciones", "institución", "categorías", "servicios", "año"]
)
def test_sql_spanish_stems_agree_with_the_python_stems(db_session, word):
    lexemes = db_session.execute(
        text(
            "SELECT tsvector_to_array("
            "to_tsvector('search.spanish_folded', search.prepare('es', :w)))"
        ),
        {"w": word},
    ).scalar()
    assert lexemes == [analysis.term(word, "es")]


@postgresql_only
def test_a_long_documents_vector_is_kept_in_its_row_not_in_toast(db_session):
    toast = db_session.execute(
        text(
            "SELECT reltoastrelid::regclass FROM pg_class"
            " WHERE oid = 'search.documents'::regclass"
        )
    ).scalar()
    chunks = text(f"SELECT count(*) FROM {toast}")
    before = db_session.execute(chunks).scalar()
    # 250 made-up words that compress badly: a vector of about 5 KB, well over the 2 KB at
    # which PostgreSQL would otherwise move it out of the row.
    body = " ".join(hashlib.sha1(str(n).encode()).hexdigest()[:12] for n in range(250))
    db_session.execute(
        text(
            "INSERT INTO search.documents (doc_id, standard_id, status, stage, scope,"
            " committee_id, committee_name, sector, language, level, title, body, dated_at,"
            " version, vector) VALUES ('edition-0', 0, 'current', 'published', 'public', 0,"
            " 'c', 's', 'es', 1, 't', '', now(), 'v',"
            " search.document_vector('es', '{}', '', '', :body))"
        ),
        {"body": body},
    )
    size = db_session.execute(
        text("SELECT pg_column_size(vector) FROM search.documents WHERE doc_id = 'edition-0'")
    ).scalar()
    assert 4000 < size < 8000
    assert db_session.execute(chunks).scalar() == before
