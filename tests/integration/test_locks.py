"""The row-lock helper: the row read afresh and locked, the standard before what belongs to it;
and the operations that lock in that order, without key locks where no key changes."""

import re

import pytest
from sqlalchemy import event, text

from tests.ballot_factories import actor, draft, open_on, published, requested, vote
from tests.standard_factories import save
from wiki.ballots.models import Ballot
from wiki.ballots.operations import cancel_ballot, close_ballot
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.locks import lock_row
from wiki.publication.models import Edition
from wiki.publication.operations import publish_edition, withdraw_edition
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


def _locks(row_loads, db_kind) -> list[tuple[str, str]]:
    """The rows an operation locked, in order (none on SQLite, where the transaction is)."""
    if db_kind != "postgresql":
        return []
    return [(table, clause) for table, clause in row_loads if clause]


def _expected(db_kind, *locks):
    return list(locks) if db_kind == "postgresql" else []


NO_KEY = "FOR NO KEY UPDATE"


def test_a_vote_locks_the_standard_before_the_ballot_without_key_locks(s, row_loads, db_kind):
    # Its audit entry refers to the standard: locking the ballot alone took the standard after
    # the ballot, the other way round from a close or a save, and the two deadlocked.
    ballot = open_on(s, draft(s))
    row_loads.clear()
    vote(s.union, ballot)
    assert _locks(row_loads, db_kind) == _expected(
        db_kind, ("standards", NO_KEY), ("ballots", NO_KEY)
    )


@pytest.mark.parametrize("ending", [close_ballot, cancel_ballot])
def test_closing_a_ballot_locks_the_standard_then_the_ballot_without_key_locks(
    s, row_loads, db_kind, ending
):
    ballot = open_on(s, draft(s))
    row_loads.clear()
    ending(actor(s.chair), ballot.id)
    assert _locks(row_loads, db_kind) == _expected(
        db_kind, ("standards", NO_KEY), ("ballots", NO_KEY)
    )


def test_a_save_locks_the_standard_without_a_key_lock(s, row_loads, db_kind):
    standard = draft(s)
    row_loads.clear()
    save(s.union, standard, standard.head_revision.body_markdown + "\nOtro párrafo.\n")
    assert _locks(row_loads, db_kind) == _expected(db_kind, ("standards", NO_KEY))


def test_a_first_publication_locks_the_standard_for_update_as_it_sets_the_code(
    s, row_loads, db_kind
):
    standard, _ = requested(s)
    row_loads.clear()
    publish_edition(actor(s.admin), standard.id)
    assert _locks(row_loads, db_kind) == _expected(db_kind, ("standards", "FOR UPDATE"))


def test_a_withdrawal_locks_the_standard_then_the_edition_without_key_locks(
    s, row_loads, db_kind
):
    _, edition = published(s)
    row_loads.clear()
    withdraw_edition(actor(s.admin), edition.id, "Sustituido por otro estándar.")
    assert _locks(row_loads, db_kind) == _expected(
        db_kind, ("standards", NO_KEY), ("editions", NO_KEY)
    )
