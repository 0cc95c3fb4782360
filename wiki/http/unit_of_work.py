"""The unit of work of a request that changes something: run one operation, commit or roll back.

Views never commit or roll back themselves. ``run`` calls the operation and commits, or rolls
back and re-raises; ``submit`` adds the usual form handling on top of it: validate, run, and on
a domain error keep the form (what the user typed, with the message on it) and say the status.

Retrying a transaction the database aborted (deadlock 40P01, serialization failure 40001)
belongs in ``run`` alone, a loop of a few lines: on ``sqlalchemy.exc.DBAPIError`` with one of
those ``orig.sqlstate`` codes, roll back and call ``operation`` again. That is why the
operation is passed as a callable rather than called by the view: it can start over.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask_wtf import FlaskForm

from wiki.errors import DomainError, status_for
from wiki.extensions import db
from wiki.http.errors import translate_error

T = TypeVar("T")


def run(operation: Callable[[], T]) -> T:
    """Call ``operation`` and commit; if either raises, roll back and re-raise."""
    try:
        result = operation()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return result


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
    form: FlaskForm, operation: Callable[[], T], *, field: str | None = None
) -> Outcome[T]:
    """Validate a sent form, then ``run`` the operation.

    Nothing runs for a form that was not sent (GET) or does not validate. A ``DomainError``
    is rolled back and its message put on the form by ``show_error``, with ``field`` as the
    fallback; the form keeps what the user typed, so the view only renders it again.
    """
    if not form.validate_on_submit():
        return Outcome(status=400 if form.errors else 200)
    try:
        return Outcome(committed=True, result=run(operation))
    except DomainError as error:
        show_error(form, error, field=field)
        return Outcome(error=error, status=status_for(error))


def show_error(form: FlaskForm, error: DomainError, *, field: str | None = None) -> None:
    """Put the error's message on the field it names (``details["field"]``), else on ``field``,
    else on the form as a whole (``form_errors``, shown in the error summary)."""
    name = error.details.get("field")
    if name not in form:
        name = field
    message = translate_error(error)
    if name is None:
        form.form_errors.append(message)
    else:
        form[name].errors = [*form[name].errors, message]
