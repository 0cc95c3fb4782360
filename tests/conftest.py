"""Fixtures: an app migrated once per session, and a rolled-back transaction per test.

Run on SQLite (default) or PostgreSQL with ``--db=postgresql``; PostgreSQL gets a
throwaway database created at the start and dropped at the end of the run. The committees
and people several folders share (``committee``, ``s``, ``p``, ``standard``) are built here,
and every port a test needs comes from ``loopback_socket``.
"""

import os
import re
import socket
import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import create_engine, text

from tests.client import CsrfClient
from tests.comment_factories import new_standard
from tests.factories import PASSWORD, full_committee, seats
from tests.smtp_server import Inbox, SocketController
from wiki import create_app
from wiki.extensions import db
from wiki.http.limits import reset_all as reset_all_limits

POSTGRES_ADMIN_URL = os.environ.get(
    "WIKI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="database the tests run against",
    )


def pytest_report_header(config):
    return f"database: {config.getoption('--db')}"


class ThrowawayDatabase:
    """A database of its own for one test run (or one test that needs real commits)."""

    def __init__(self, kind: str, directory: Path):
        self.kind = kind
        self.name = f"wiki_test_{uuid.uuid4().hex[:12]}"
        if kind == "sqlite":
            self.url = f"sqlite:///{directory / (self.name + '.db')}"
        else:
            self.url = re.sub(r"/[^/]*$", f"/{self.name}", POSTGRES_ADMIN_URL)

    def create(self) -> None:
        if self.kind == "postgresql":
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.kind == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()


def dispose_app(app, database) -> None:
    """Undo ``make_app``: close the search index's files and the engine, drop the database."""
    app.extensions["search"].close()
    with app.app_context():
        db.engine.dispose()
    database.drop()


def make_app(kind: str, directory: Path, revision: str = "heads", **overrides):
    """An app on a new throwaway database migrated up to ``revision``; returns (app, database)."""
    database = ThrowawayDatabase(kind, directory)
    database.create()
    settings = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database.url,
        "SECRET_KEY": "test-secret-key-" + uuid.uuid4().hex,
        "INSTANCE_PATH": str(directory / "instance"),
        "PASSWORD_HASH_PROFILE": "CHEAPEST",
        # the test client's host; live servers listen on 127.0.0.1
        "PUBLIC_BASE_URL": "http://localhost",
        "ALLOWED_HOSTS": "127.0.0.1",
        # rate limits count in the app's memory, under keys of this run only
        "REDIS_URL": "",
        "RATE_LIMIT_KEY_PREFIX": f"wiki-test-{uuid.uuid4().hex[:12]}",
        # Most tests sign administrators in with a password alone; tests/web/test_two_factor.py
        # turns the requirement on.
        "REQUIRE_TWO_FACTOR_FOR_ADMINS": False,
    }
    settings.update(overrides)
    app = create_app(settings)
    with app.app_context():
        upgrade(revision=revision)
    return app, database


class ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy picks the engine itself; in tests everything goes to one connection."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind if bind is not None else self.bind


@pytest.fixture(scope="session")
def db_kind(pytestconfig) -> str:
    return pytestconfig.getoption("--db")


@pytest.fixture(scope="session")
def app(db_kind, tmp_path_factory):
    app, database = make_app(db_kind, tmp_path_factory.mktemp("app"))
    yield app
    dispose_app(app, database)


@pytest.fixture
def db_session(app):
    """The app's session inside an outer transaction that is rolled back after the test.

    The code under test may commit: with ``join_transaction_mode="create_savepoint"``
    its commits release savepoints, and the outer rollback discards everything.
    """
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original_session = db.session
        db.session = db._make_scoped_session(
            {
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
                "class_": ConnectionBoundSession,
            }
        )
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original_session
            outer.rollback()
            connection.close()


@pytest.fixture(autouse=True)
def _transaction_per_test(request):
    """Every test outside tests/unit runs in the rolled-back transaction of ``db_session``."""
    if "unit" not in request.node.path.parts and "db_session" not in request.fixturenames:
        request.getfixturevalue("db_session")


@pytest.fixture
def client(app, db_session):
    """A test client (from 127.0.0.1) on an app whose rate limits have counted nothing yet."""
    reset_all_limits(app)
    app.test_client_class = CsrfClient
    return app.test_client()


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in through the real form."""

    def do_login(user, password=PASSWORD, remember=False):
        response = client.post(
            "/login",
            data={"email": user.email, "password": password, "remember": "y" if remember else ""},
        )
        assert response.status_code == 302, response.text
        return response

    return do_login


@pytest.fixture
def committee(db_session):
    """The Comité de Turismo (``/committees/turismo``): a chair (industry), a voting member of
    every other group and an observer, in ``committee.people`` by role or group."""
    committee, members = full_committee(name="Comité de Turismo", slug="turismo")
    committee.people = members
    return committee


@pytest.fixture
def s(db_session):
    """The ballot and publication tests' committee and people (``factories.Seats``)."""
    return seats()


@pytest.fixture
def p(db_session):
    """The discussion tests' committee and people: ``s`` and a public reader too."""
    return seats(public=True)


@pytest.fixture
def standard(p):
    """A committed draft of the discussion text (``comment_factories.BODY``) by ``p.union``.

    Modules that work with another committee (``s``, or one of their own) define their own
    ``standard``, which pytest uses there instead.
    """
    standard = new_standard(p.union, p.committee)
    db.session.commit()
    return standard


@pytest.fixture
def loopback_socket():
    """A TCP socket bound to a free port on 127.0.0.1, held for the test and closed after it.

    Every test that needs a port takes it from here: probing for a free number and closing the
    probe lets another process take the port before the test uses it; this socket keeps it.
    It does not listen, so connections to it are refused until someone calls ``listen()``.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock


@pytest.fixture
def refused_port(loopback_socket) -> int:
    """A loopback port where connections are refused (bound, never listening)."""
    return loopback_socket.getsockname()[1]


@pytest.fixture
def smtp_inbox(app, monkeypatch, loopback_socket):
    """A real SMTP server on a loopback port, where the app sends its mail for the test.

    ``smtp_inbox.messages`` holds the envelopes it received.
    """
    inbox = Inbox(port=loopback_socket.getsockname()[1])
    controller = SocketController(inbox, loopback_socket)
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", inbox.port)
    yield inbox
    controller.stop()


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests measured (``record_property("figure", text)``) after the run."""
    figures = [
        (report.nodeid, value)
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "figure"
    ]
    if figures:
        terminalreporter.section("figures")
        for nodeid, value in sorted(figures):
            terminalreporter.write_line(f"{nodeid.rsplit('::', 1)[-1]}: {value}")
