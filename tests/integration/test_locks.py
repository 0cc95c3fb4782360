"""The row-lock helper: the row read afresh and locked, the standard before what belongs to it."""

import re

import pytest
from sqlalchemy import event, text

from tests.ballot_factories import draft, open_on, published
from wiki.ballots.models import Ballot
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.locks import lock_row
from wiki.publication.models import Edition
from wiki.standards.models import Standard

#: a statement that loads whole rows of one table, and the lock clause it ends with
_ROW_LOAD = re.compile(r"^SELECT (\w+)\.id, .* FROM (\w+) .*?((?: FOR (?:NO KEY )?UPDATE)?)$")


@pytest.fixture
def row_loads():
    """(table, lock clause) of each whole-row load the session sends from here on, in order."""
    loads = []

    def collect(conn, cursor, statement, parameters, context, executemany):
        match = _ROW_LOAD.match(" ".join(statement.split()))
        if match and match[1] == match[2]:
            loads.append((match[2], match[3].strip()))

    connection = db.session.connection()
    event.listen(connection, "before_cursor_execute", collect)
    yield loads
    event.remove(connection, "before_cursor_execute", collect)


def _lock_clause(db_kind: str, clause: str = "FOR UPDATE") -> str:
    # SQLite has no row locks; its write transactions are exclusive (BEGIN IMMEDIATE).
    return clause if db_kind == "postgresql" else ""


def test_the_row_comes_back_locked_and_read_afresh(s, row_loads, db_kind):
    standard = draft(s)
    db.session.execute(
        text("UPDATE standards SET title = 'Otro título' WHERE id = :id"), {"id": standard.id}
    )
    row_loads.clear()
    assert lock_row(Standard, standard.id, "No such standard.") is standard
    assert standard.title == "Otro título"
    assert row_loads == [("standards", _lock_clause(db_kind))]


def test_key_share_locks_for_no_key_update(s, row_loads, db_kind):
    standard = draft(s)
    row_loads.clear()
    lock_row(Standard, standard.id, "No such standard.", key_share=True)
    assert row_loads == [("standards", _lock_clause(db_kind, "FOR NO KEY UPDATE"))]


def test_a_ballot_is_locked_after_its_standard(s, row_loads, db_kind):
    ballot = open_on(s, draft(s))
    row_loads.clear()
    assert lock_row(Ballot, ballot.id, "No such ballot.", standard_first=True) is ballot
    assert row_loads == [
        ("standards", _lock_clause(db_kind)),
        ("ballots", _lock_clause(db_kind)),
    ]


def test_an_edition_is_locked_after_its_standard(s, row_loads, db_kind):
    _, edition = published(s)
    row_loads.clear()
    assert lock_row(Edition, edition.id, "No such edition.", standard_first=True) is edition
    assert row_loads == [
        ("standards", _lock_clause(db_kind)),
        ("editions", _lock_clause(db_kind)),
    ]


@pytest.mark.parametrize("standard_first", [False, True])
def test_a_missing_row_is_not_found_with_the_callers_message(standard_first):
    with pytest.raises(NotFound) as raised:
        lock_row(Ballot, 10**9, "No such ballot.", standard_first=standard_first)
    assert raised.value.message == "No such ballot."
