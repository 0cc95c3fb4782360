"""Row locks: the one way an operation locks the rows it is about to change.

Lock order. An operation that locks more than one row takes them in this order, so that two
transactions never each hold a row the other is waiting for:

1. the standard;
2. then one row that belongs to it: its ballot, edition or consultation;
3. then anything else, one row at a time (a thread, a comment, a committee, an account).

``lock_row(Ballot, ballot_id, …, standard_first=True)`` takes steps 1 and 2 in that order.
Every change to a row of step 2 takes the standard first, a vote included: the vote's audit
entry refers to the standard, so locking the ballot alone would take the standard after it,
the reverse of a close or a save, and the two deadlocked (issue 13).

Lock strength. Rows that refer to a standard (audit entries, comments, outbox rows, a new
revision) take a ``KEY SHARE`` lock on it through their foreign key when inserted. That lock
waits for ``FOR UPDATE`` but not for ``FOR NO KEY UPDATE``, so operations lock with
``key_share=True`` (``FOR NO KEY UPDATE``) unless they change a key of the row (its primary
key or a unique column). Only publishing does, when it gives a standard its ``code_number``:
it locks the standard ``FOR UPDATE`` (``lock_standard(…, changes_code=True)``). Rows of step
3 are locked last and alone, so waiting on them closes no cycle; ``remind_closing_soon`` takes
ballots with ``SKIP LOCKED``, never waiting for one.

Should the database still abort a transaction for a deadlock or a serialization failure, the
unit of work runs it again (``wiki.http.unit_of_work.run``), so nobody sees an error for it.

On PostgreSQL a lock is ``SELECT … FOR [NO KEY] UPDATE``, held until the transaction ends. On
SQLite the clause is left out: a write transaction is already exclusive (``BEGIN IMMEDIATE``,
see ``wiki.db``), so the helper is a plain load there.
"""

from typing import TypeVar

from sqlalchemy import inspect, select

from wiki.errors import NotFound
from wiki.extensions import db

Row = TypeVar("Row")


def lock_row(
    model: type[Row],
    row_id: int,
    missing: str,
    *,
    standard_first: bool = False,
    key_share: bool = False,
) -> Row:
    """The row with this id, locked for update and read afresh from the database.

    Raises ``NotFound(missing)`` when there is no such row. ``standard_first`` locks the
    standard the row belongs to (through its ``standard`` relationship) before the row, as the
    lock order asks. ``key_share`` locks ``FOR NO KEY UPDATE`` instead, which lets other
    transactions insert rows that refer to the locked ones meanwhile; pass it only when the
    change alters no key of the rows it locks (the primary key, or a unique column).
    """
    if standard_first:
        standard_id = db.session.scalar(select(model.standard_id).where(model.id == row_id))
        if standard_id is None:
            raise NotFound(missing)
        standard = inspect(model).relationships["standard"].mapper.class_
        lock_row(standard, standard_id, missing, key_share=key_share)
    row = db.session.execute(
        select(model)
        .where(model.id == row_id)
        .with_for_update(key_share=key_share)
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(missing)
    return row
