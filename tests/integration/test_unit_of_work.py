"""The views' unit of work: an operation is committed when it returns, rolled back if refused,
and tried again when the database aborted it for a deadlock or a serialization failure."""

import sqlite3

import pytest
from flask_wtf import FlaskForm
from psycopg.errors import DeadlockDetected, SerializationFailure, UniqueViolation
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from wtforms import StringField

from tests.factories import full_committee
from tests.standard_factories import create_standard
from wiki.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound
from wiki.extensions import db
from wiki.http import unit_of_work
from wiki.standards.models import Standard


@pytest.fixture
def committee_and_chair():
    committee, people = full_committee()
    # Committed, so a rollback in the test undoes only what the test's operation did.
    db.session.commit()
    return committee, people["chair"]


def _standards_titled(title: str) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Standard).where(Standard.title == title)
    )


def test_run_commits_what_the_operation_did(committee_and_chair):
    committee, chair = committee_and_chair
    standard = unit_of_work.run(lambda: create_standard(chair, committee, title="Guardada"))
    assert standard.title == "Guardada"
    db.session.rollback()  # nothing is left to roll back: the save was committed
    assert _standards_titled("Guardada") == 1


def test_run_rolls_back_a_refused_operation_and_raises_its_error(committee_and_chair):
    committee, chair = committee_and_chair

    def refused_after_writing():
        create_standard(chair, committee, title="A medias")
        assert _standards_titled("A medias") == 1  # flushed: the database holds it for now
        raise Conflict("Refused after writing.")

    with pytest.raises(Conflict, match="Refused after writing"):
        unit_of_work.run(refused_after_writing)
    assert _standards_titled("A medias") == 0
    assert db.session.get(type(committee), committee.id) is not None  # earlier work stays


class _NameForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField()
    title = StringField()


@pytest.mark.parametrize(
    ("error", "fallback", "status", "where"),
    [
        (InvalidInput("Bad title.", field="title"), "name", 400, "title"),
        (NotAllowed("Not yours."), "name", 403, "name"),
        (NotFound("Gone.", field="not_on_the_form"), "name", 404, "name"),
        (Conflict("Taken."), None, 409, ""),
    ],
)
def test_submit_keeps_the_input_and_puts_the_message_where_the_error_says(
    app, committee_and_chair, error: DomainError, fallback, status, where
):
    committee, chair = committee_and_chair

    def refused():
        create_standard(chair, committee, title="Rechazada")
        raise error

    with app.test_request_context("/", method="POST", data={"name": "Lo que escribí"}):
        form = _NameForm()
        outcome = unit_of_work.submit(form, refused, field=fallback)
        assert not outcome.committed and outcome.error is error
        assert outcome.status == status
        assert form.name.data == "Lo que escribí"
        assert form.errors == {where: [error.message]}
    assert _standards_titled("Rechazada") == 0


def test_submit_runs_nothing_for_a_form_not_sent(app):
    def must_not_run():
        raise AssertionError("the operation ran for a GET")

    with app.test_request_context("/", method="GET"):
        outcome = unit_of_work.submit(_NameForm(), must_not_run)
    assert not outcome.committed and outcome.status == 200


def aborted(driver_error: Exception) -> OperationalError:
    """What SQLAlchemy raises when the driver reports ``driver_error`` for a statement."""
    return OperationalError("UPDATE standards SET …", {}, driver_error)


def _aborted_then_done(committee, chair, driver_error: Exception, aborts: int):
    """An operation that writes, then is aborted ``aborts`` times before it goes through."""
    calls = []

    def operation():
        calls.append(len(calls) + 1)
        standard = create_standard(chair, committee, title=f"Intento {len(calls)}")
        if len(calls) <= aborts:
            raise aborted(driver_error)
        return standard

    return operation, calls


@pytest.fixture
def no_pause(monkeypatch):
    monkeypatch.setattr(unit_of_work, "PAUSE_SECONDS", 0)


@pytest.mark.parametrize(
    "driver_error",
    [DeadlockDetected("deadlock detected"), SerializationFailure("could not serialize access")],
    ids=["deadlock", "serialization-failure"],
)
def test_run_tries_again_what_the_database_aborted_and_keeps_only_the_last_attempt(
    committee_and_chair, no_pause, driver_error
):
    committee, chair = committee_and_chair
    operation, calls = _aborted_then_done(committee, chair, driver_error, aborts=2)
    standard = unit_of_work.run(operation)
    assert calls == [1, 2, 3]
    assert standard.title == "Intento 3"
    db.session.rollback()  # committed: nothing left to roll back
    assert [_standards_titled(f"Intento {n}") for n in (1, 2, 3)] == [0, 0, 1]


def test_run_gives_up_after_its_attempts_and_raises_the_last_abort(
    committee_and_chair, no_pause
):
    committee, chair = committee_and_chair
    operation, calls = _aborted_then_done(
        committee, chair, DeadlockDetected("deadlock detected"), aborts=unit_of_work.ATTEMPTS
    )
    with pytest.raises(OperationalError):
        unit_of_work.run(operation)
    assert len(calls) == unit_of_work.ATTEMPTS
    assert sum(_standards_titled(f"Intento {n}") for n in calls) == 0


@pytest.mark.parametrize(
    "error",
    [
        # SQLite's "database is locked": its busy timeout has waited already
        aborted(sqlite3.OperationalError("database is locked")),
        # a unique violation: another attempt would fail the same way
        aborted(UniqueViolation("duplicate key value violates unique constraint")),
        Conflict("Refused."),
    ],
    ids=["sqlite-locked", "unique-violation", "domain-error"],
)
def test_run_does_not_try_again_what_another_attempt_would_not_change(
    committee_and_chair, no_pause, error
):
    calls = []

    def operation():
        calls.append(1)
        raise error

    with pytest.raises(type(error)):
        unit_of_work.run(operation)
    assert calls == [1]
