"""The schema comes from migrations only: upgrading from empty must yield exactly the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade

from tests.conftest import dispose_app, make_app
from wiki.extensions import db, migrate


@pytest.fixture(scope="module")
def fresh_app(db_kind, tmp_path_factory):
    app, database = make_app(db_kind, tmp_path_factory.mktemp("migrations"))
    yield app
    dispose_app(app, database)


def _differences(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": False}
        )
        return compare_metadata(context, db.metadata)


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """These tests use their own database, not the shared rolled-back session."""


def test_upgrade_from_empty_yields_exactly_the_models_schema(fresh_app):
    assert _differences(fresh_app) == []


def test_migrations_form_one_line_of_history(fresh_app):
    with fresh_app.app_context():
        config = migrate.get_config()
        heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}"


def test_downgrade_to_empty_and_upgrade_again(fresh_app):
    from flask_migrate import upgrade

    with fresh_app.app_context():
        downgrade(revision="base")
        with db.engine.connect() as connection:
            tables = set(db.inspect(connection).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade(revision="heads")
    assert _differences(fresh_app) == []
