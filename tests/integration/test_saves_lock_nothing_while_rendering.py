"""Others may write while a save renders its text: the save locks nothing until it has rendered.

Issue 14: a save rendered inside SQLite's ``BEGIN IMMEDIATE`` (on PostgreSQL, inside the
standard's row lock), so a slow render made another user's log-in fail with "database is
locked". Real commits on a database of its own: the lock must be seen from another connection.
"""

import sqlite3

import psycopg
import pytest
from sqlalchemy import select

from tests.client import CsrfClient
from tests.conftest import dispose_app, make_app
from tests.factories import PASSWORD, full_committee
from tests.standard_factories import SPANISH_BODY, create_standard
from wiki.extensions import db
from wiki.standards import operations, preview
from wiki.standards.models import Revision


def _another_writer_could_write(standard_id: int) -> bool:
    """Whether another connection can take the write lock on the standard at once."""
    connection = db.engine.raw_connection()
    try:
        if db.engine.dialect.name == "sqlite":
            connection.execute("PRAGMA busy_timeout = 0")
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return False
        else:
            try:
                connection.cursor().execute(
                    "SELECT id FROM standards WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                    (standard_id,),
                )
            except psycopg.errors.LockNotAvailable:
                return False
        connection.rollback()
        return True
    finally:
        connection.close()


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """Real commits: the lock must be seen from another connection."""


@pytest.fixture
def committed_app(db_kind, tmp_path):
    app, database = make_app(db_kind, tmp_path, PROPAGATE_EXCEPTIONS=False)
    app.test_client_class = CsrfClient
    yield app
    dispose_app(app, database)


@pytest.mark.parametrize("action", ["save", "preview"])
def test_others_may_write_while_a_save_or_preview_renders(committed_app, monkeypatch, action):
    with committed_app.app_context():
        committee, people = full_committee()
        standard = create_standard(people["chair"], committee)
        db.session.commit()
        standard_id, email = standard.id, people["union"].email
    client = committed_app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    seen = []
    render = operations.render_markdown

    def render_and_look(*args, **kwargs):
        seen.append(_another_writer_could_write(standard_id))
        return render(*args, **kwargs)

    monkeypatch.setattr(operations, "render_markdown", render_and_look)
    monkeypatch.setattr(preview, "render_markdown", render_and_look)
    response = client.post(
        f"/standards/{standard_id}/edit",
        data={
            "base_number": "1",
            "title": "Título",
            "body": SPANISH_BODY + "\nMás.\n",
            "action": action,
        },
    )
    assert response.status_code == (302 if action == "save" else 200)
    assert seen == [True]
    with committed_app.app_context():
        numbers = db.session.scalars(
            select(Revision.number).where(Revision.standard_id == standard_id)
        ).all()
    assert sorted(numbers) == ([1, 2] if action == "save" else [1])
