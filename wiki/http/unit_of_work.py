"""The unit of work of a request that changes something: run one operation, commit or roll back.

Views never commit or roll back themselves. ``run`` calls the operation and commits, or rolls
back and re-raises; ``submit`` adds the usual form handling on top of it: validate, run, and on
a domain error keep the form (what the user typed, with the message on it) and say the status.

A transaction the database aborted to resolve a deadlock or a serialization failure
(PostgreSQL's SQLSTATE 40P01 and 40001) did nothing, and running it again will usually succeed:
``run`` rolls back and calls the operation again, up to ``ATTEMPTS`` times in all, after a short
random pause, so that a user never sees such an abort. That is why the operation is passed as a
callable rather than called by the view: it can start over. It must read what it needs afresh
(operations do: they lock and load their rows by id); objects loaded before are expired by the
rollback and load again when next used. SQLite's "database is locked" is not retried: the
busy timeout has already waited for the lock, and waiting longer would only hide a stuck writer.

Slow work that needs no lock, such as rendering a long text, is passed as ``prepare``: it runs
first, in a transaction of its own that only reads, and the operation gets its result. On
SQLite a write transaction holds the database's one write lock, and on PostgreSQL the
operation's row locks hold up other writers; neither is held while ``prepare`` runs.
"""

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from flask_wtf import FlaskForm
from sqlalchemy.exc import DBAPIError

from wiki.db import reading
from wiki.errors import DomainError, RateLimited, status_for
from wiki.extensions import db
from wiki.http.errors import translate_error

T = TypeVar("T")
log = logging.getLogger(__name__)

#: SQLSTATEs of a transaction the database aborted, which may simply run again: a deadlock
#: (40P01) and a serialization failure (40001)
RETRIED_SQLSTATES = frozenset({"40P01", "40001"})
#: how many times ``run`` tries an operation the database keeps aborting
ATTEMPTS = 3
#: longest pause, in seconds, before the second attempt; it doubles before each later one
PAUSE_SECONDS = 0.05


def run(operation: Callable[..., T], *, prepare: Callable[[], Any] | None = None) -> T:
    """Call ``operation`` and commit; if either raises, roll back and re-raise.

    An attempt the database aborted for a deadlock or a serialization failure is rolled back
    and tried again (``ATTEMPTS`` in all); the last one's error is raised. With ``prepare``,
    the request's transaction so far is ended, ``prepare()`` runs in a read-only one of its
    own, and ``operation`` is called with its result; it must check that what the result was
    made from has not changed since.
    """
    if prepare is not None:
        operation = partial(operation, read_only(prepare))
    attempt = 1
    while True:
        try:
            result = operation()
            db.session.commit()
            return result
        except BaseException as error:
            db.session.rollback()
            if attempt >= ATTEMPTS or not is_transient(error):
                raise
            log.warning(
                "The database aborted a transaction (SQLSTATE %s); trying it again (%d of %d)",
                error.orig.sqlstate, attempt + 1, ATTEMPTS,
            )
        # random jitter spreads the retries of concurrent requests; nothing secret (bandit B311)
        time.sleep(random.uniform(0.5, 1) * PAUSE_SECONDS * 2 ** (attempt - 1))  # nosec B311
        attempt += 1


def read_only(work: Callable[[], T]) -> T:
    """End the request's transaction, then call ``work`` in a read-only one of its own.

    For slow work in a request that has only read so far: on SQLite a POST's reads began a
    write transaction, which holds the database's one write lock until it ends.
    """
    db.session.rollback()
    with reading():
        try:
            return work()
        finally:
            db.session.rollback()


def is_transient(error: BaseException) -> bool:
    """Whether the database aborted the transaction only to let another go first."""
    return isinstance(error, DBAPIError) and (
        getattr(error.orig, "sqlstate", None) in RETRIED_SQLSTATES
    )


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What came of a form: the committed operation's result, or how to show the form again."""

    #: True once the operation ran and its transaction committed
    committed: bool = False
    #: what the operation returned, when committed
    result: T | None = None
    #: the domain error that refused the operation (its transaction rolled back)
    error: DomainError | None = None
    #: the status to show the form again with: 200 not sent, 400 invalid, else the error's
    status: int = 200


def submit(
    form: FlaskForm,
    operation: Callable[..., T],
    *,
    field: str | None = None,
    prepare: Callable[[], Any] | None = None,
) -> Outcome[T]:
    """Validate a sent form, then ``run`` the operation (after ``prepare``, if given).

    Nothing runs for a form that was not sent (GET) or does not validate. A ``DomainError``
    is rolled back and its message put on the form by ``show_error``, with ``field`` as the
    fallback; the form keeps what the user typed, so the view only renders it again.
    """
    if not form.validate_on_submit():
        return Outcome(status=400 if form.errors else 200)
    try:
        return Outcome(committed=True, result=run(operation, prepare=prepare))
    except DomainError as error:
        show_error(form, error, field=field)
        return Outcome(error=error, status=status_for(error))


def show_error(form: FlaskForm, error: DomainError, *, field: str | None = None) -> None:
    """Put the error's message on the field it names (``details["field"]``), else on ``field``,
    else on the form as a whole (``form_errors``, shown in the error summary). A rate limit's
    refusal is about the request, never a field: it goes on the form as a whole."""
    name = error.details.get("field")
    if name not in form:
        name = None if isinstance(error, RateLimited) else field
    message = translate_error(error)
    if name is None:
        form.form_errors.append(message)
    else:
        form[name].errors = [*form[name].errors, message]
