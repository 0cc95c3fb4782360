"""The embedded default: SQLite in WAL mode, foreign keys on, and writers that wait for the lock."""

import threading
import time

import pytest
from sqlalchemy import text

from tests.conftest import make_app
from wiki.extensions import db


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """These tests need real commits on a database of their own."""


@pytest.fixture(scope="module")
def sqlite_app(db_kind, tmp_path_factory):
    if db_kind != "sqlite":
        pytest.skip("SQLite connection settings")
    app, _database = make_app("sqlite", tmp_path_factory.mktemp("sqlite"))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_app):
    with sqlite_app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_transaction_that_read_first_waits_for_the_write_lock_instead_of_failing(sqlite_app):
    """With deferred BEGIN, the read-then-write below fails at once with "database is locked"."""
    with sqlite_app.app_context():
        db.session.execute(text("CREATE TABLE IF NOT EXISTS counter (n INTEGER)"))
        db.session.execute(text("DELETE FROM counter"))
        db.session.execute(text("INSERT INTO counter VALUES (0)"))
        db.session.commit()
    holding = threading.Event()

    def hold_the_lock():
        with sqlite_app.app_context():
            db.session.execute(text("UPDATE counter SET n = n + 1"))
            holding.set()
            time.sleep(0.5)
            db.session.commit()

    writer = threading.Thread(target=hold_the_lock)
    writer.start()
    holding.wait(5)
    with sqlite_app.app_context():
        current = db.session.execute(text("SELECT n FROM counter")).scalar()
        db.session.execute(text("UPDATE counter SET n = :n"), {"n": current + 10})
        db.session.commit()
    writer.join()
    with sqlite_app.app_context():
        assert db.session.execute(text("SELECT n FROM counter")).scalar() == 11
