"""Keeping the index fresh: index work recorded with the change, done after the commit.

1. Whatever changes a standard's documents adds an outbox row in the same transaction: the
   domain events (revision saved, edition published or withdrawn, ballot opened or closed)
   and a watcher on the session's flushes for every field a document reads, so that edits
   no event announces (metadata, a consultation's status, a committee's name) count too.
2. After the session commits for real, ``drain_outbox`` indexes the standards named in the
   outbox from the committed state and deletes the rows, in sessions of its own. A rolled
   back transaction takes its rows with it, so it leaves no trace in the index.
3. A drain that fails (index locked, process killed) leaves the rows; the next drain, or the
   one at start-up, does the work. A save never fails because of the index. A drain that
   found the index busy is retried by a thread of the process (``SEARCH_BACKGROUND_WORK``).
   Failures are logged through the application's logger.

``register_listeners`` (called by ``wiki.search.init_app``) connects the events and session
hooks that do steps 1 and 2.

Two drains never index one standard from different states out of order:

- into an index beside the database (Whoosh), a drain takes the index's write lock first,
  then reads the rows and documents in a read-only transaction begun after it, writes the
  index, lets go of the lock, and only then deletes the rows it read, in a short write
  transaction of its own. No database write transaction ever waits for the index's lock,
  and a row added meanwhile (not read) stays for the next drain;
- into the database itself (PostgreSQL's backend), all of it is one transaction: rows taken
  with ``SKIP LOCKED`` and an advisory lock per standard.
"""

import atexit
import contextlib
import functools
import threading
import time
from collections.abc import Iterable, Iterator, Sequence

from flask import Flask, current_app, has_app_context
from sqlalchemy import delete, event, func, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from wiki import events
from wiki.committees.models import Committee
from wiki.db import reading_engine
from wiki.extensions import db
from wiki.publication.models import Edition
from wiki.search.backends import current_backend
from wiki.search.base import IndexBusy
from wiki.search.documents import documents_for
from wiki.search.models import SearchOutbox
from wiki.standards.models import Standard

#: ``session.info`` key: standard ids already given an outbox row in this transaction
ENQUEUED = "search_enqueued"
#: ``session.info`` key: set when this transaction wrote outbox rows, so a commit drains
PENDING = "search_pending"
#: outbox rows drained per batch
BATCH_SIZE = 50
#: first key of the PostgreSQL advisory locks a drain takes per standard ("SE")
ADVISORY_LOCK_SPACE = 0x5345
#: seconds between the attempts of a background drain (about ten minutes in all)
RETRY_DELAYS = (0.2, 0.5, 1, 2, 3, 5, *([10] * 58))
#: seconds a process waits at exit for its background drains
EXIT_WAIT_SECONDS = 30

#: fields that documents read, watched so that an edit no event announces is indexed too
WATCHED_FIELDS = {
    Standard: (
        "status",
        "title",
        "level",
        "language",
        "occupations",
        "industry_code",
        "committee_id",
        "code_number",
        "head_revision_id",
        "current_edition_id",
    ),
    Edition: ("status", "published_at"),
    Committee: ("name", "sector"),
}


def enqueue(session: Session, standard_ids: Iterable[int]) -> None:
    """Record, in the session's transaction, that these standards must be indexed again."""
    done = session.info.setdefault(ENQUEUED, set())
    new = sorted(set(standard_ids) - done)
    if not new:
        return
    session.connection().execute(insert(SearchOutbox), [{"standard_id": i} for i in new])
    done.update(new)
    session.info[PENDING] = True


def _on_event(standard: Standard, **_) -> None:
    enqueue(db.session(), [standard.id])


def _changed(instance, fields: tuple[str, ...]) -> bool:
    state = inspect(instance)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _watch_edits(session: Session, flush_context) -> None:
    ids: set[int] = set()
    committee_ids: set[int] = set()
    for instance in (*session.new, *session.deleted):
        if isinstance(instance, Edition):
            ids.add(instance.standard_id)
        elif isinstance(instance, Standard) and instance in session.deleted:
            ids.add(instance.id)
    for instance in session.dirty:
        fields = WATCHED_FIELDS.get(type(instance))
        if fields is None or not _changed(instance, fields):
            continue
        if isinstance(instance, Committee):
            committee_ids.add(instance.id)
        else:
            ids.add(instance.standard_id if isinstance(instance, Edition) else instance.id)
    if committee_ids:
        ids.update(
            session.connection()
            .execute(select(Standard.id).where(Standard.committee_id.in_(committee_ids)))
            .scalars()
        )
    if ids:
        enqueue(session, ids)


def _forget(session: Session, previous_transaction) -> None:
    # Rows written inside the rolled-back part are gone: let later flushes write them again.
    session.info.pop(ENQUEUED, None)
    if not previous_transaction.nested:
        session.info.pop(PENDING, None)


def _drain_after_commit(session: Session) -> None:
    session.info.pop(ENQUEUED, None)
    if not session.info.pop(PENDING, None) or not has_app_context():
        return
    if isinstance(session.bind, Connection) and session.bind.in_transaction():
        # Joined to an outer transaction (tests): nothing is committed yet, so nothing can be
        # indexed; the rows stay in the outbox for whoever commits it (or calls drain_outbox).
        return
    if not current_app.config.get("SEARCH_DRAIN_AFTER_COMMIT", True):
        return
    try:
        drain_outbox()
    except IndexBusy:
        # Another process is writing or merging: retry in the background, not in this request.
        current_app.logger.info("search: the index is busy; the outbox keeps the work for a retry")
        if current_app.config.get("SEARCH_BACKGROUND_WORK"):
            drain_in_background(current_app._get_current_object())
    except Exception:
        current_app.logger.exception(
            "search: draining the outbox after a commit failed; the rows stay"
        )


#: domain events that change a standard's documents
SIGNALS = (
    events.revision_saved,
    events.edition_published,
    events.edition_withdrawn,
    events.standard_changed,
    events.ballot_opened,
    events.ballot_closed,
)
#: session events and what each does to the outbox
SESSION_LISTENERS = (
    ("after_flush", _watch_edits),
    ("after_soft_rollback", _forget),
    ("after_commit", _drain_after_commit),
)


def register_listeners() -> None:
    """Connect the domain events and session hooks that fill and drain the outbox; once."""
    for signal in SIGNALS:
        signal.connect(_on_event)
    for name, listener in SESSION_LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def drain_outbox(session: Session | None = None, backend=None) -> int:
    """Index the standards in the outbox and delete their rows; returns how many rows.

    Without a session, works in sessions of its own and commits; with one (tests, or a
    caller's transaction) it reads and writes there and only flushes, and the caller commits.
    """
    backend = backend or current_backend()
    if backend.in_database:
        if session is not None:
            return _drain_in_transaction(session, backend, commit=False)
        with Session(db.engine) as own:
            return _drain_in_transaction(own, backend, commit=True)
    return _drain_beside(backend, session)


def _drain_beside(backend, session: Session | None) -> int:
    """Drain into an index beside the database: read under its lock, delete rows after."""
    done = 0
    while True:
        with _reading(session) as reader:
            if reader.scalar(select(SearchOutbox.id).limit(1)) is None:
                return done
        drained: list[int] = []
        backend.index_loaded(functools.partial(_load_next, session, drained))
        if session is not None:
            delete_rows(session, drained)
            session.flush()
            # Those rows are gone: later changes in this transaction need rows of their own.
            session.info.pop(ENQUEUED, None)
        else:
            with Session(db.engine) as writer:
                delete_rows(writer, drained)
                writer.commit()
        done += len(drained)


def _load_next(session: Session | None, drained: list[int]):
    """The next rows' standards and their documents, read now; the rows' ids into ``drained``."""
    with _reading(session) as reader:
        rows = reader.execute(_next_rows()).all()
        drained.extend(row_id for row_id, _ in rows)
        standard_ids = sorted({standard_id for _, standard_id in rows})
        return standard_ids, documents_for(reader, standard_ids)


@contextlib.contextmanager
def _reading(session: Session | None) -> Iterator[Session]:
    """``session``, or one of its own that only reads (no write lock, even on SQLite)."""
    if session is not None:
        yield session
        return
    with Session(reading_engine(db.engine)) as reader:
        yield reader


def _next_rows():
    return (
        select(SearchOutbox.id, SearchOutbox.standard_id)
        .order_by(SearchOutbox.id)
        .limit(BATCH_SIZE)
    )


def delete_rows(session: Session, row_ids: Sequence[int]) -> None:
    """Delete these outbox rows (by id: rows added since are kept), a few hundred at a time."""
    for start in range(0, len(row_ids), 500):
        chunk = row_ids[start : start + 500]
        session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(chunk)))


def _drain_in_transaction(session: Session, backend, *, commit: bool) -> int:
    done = 0
    while True:
        batch = _next_rows().with_for_update(skip_locked=True)
        rows = session.execute(batch).all()
        if not rows:
            return done
        standard_ids = sorted({standard_id for _, standard_id in rows})
        try:
            for standard_id in standard_ids:
                session.execute(
                    select(func.pg_advisory_xact_lock(ADVISORY_LOCK_SPACE, standard_id))
                )
            backend.index(
                documents_for(session, standard_ids), standard_ids=standard_ids, session=session
            )
            delete_rows(session, [row_id for row_id, _ in rows])
            session.info.pop(ENQUEUED, None)
        except Exception:
            if commit:
                session.rollback()
            raise
        if commit:
            session.commit()
            session.expunge_all()
        else:
            session.flush()
        done += len(rows)


def pending_count(session: Session) -> int:
    """Rows waiting in the outbox."""
    return session.scalar(select(func.count()).select_from(SearchOutbox)) or 0


def drain_in_background(app: Flask) -> threading.Thread:
    """Retry, in a thread of this process, a drain that found the index busy.

    One thread per app at a time; it drains whatever the outbox holds, so retries for several
    saves are one. At exit the process waits for it a little, so a worker that stops right
    after saving (gunicorn's max-requests) still indexes its last saves.
    """
    state = app.extensions.get("search_retry")
    if state is None:
        state = app.extensions.setdefault("search_retry", _RetryState())
        atexit.register(state.wait, EXIT_WAIT_SECONDS)
    with state.guard:
        if state.thread is None or not state.thread.is_alive():
            state.thread = threading.Thread(
                target=_retry_drain, args=(app,), name="search-drain", daemon=True
            )
            state.thread.start()
    return state.thread


class _RetryState:
    def __init__(self):
        self.guard = threading.Lock()
        self.thread: threading.Thread | None = None

    def wait(self, timeout: float) -> None:
        if self.thread is not None:
            self.thread.join(timeout)


def _retry_drain(app: Flask) -> None:
    with app.app_context():
        backend = current_backend()
        for delay in RETRY_DELAYS:
            time.sleep(delay)
            try:
                drained = drain_outbox(backend=backend)
            except IndexBusy:
                continue
            except Exception:
                app.logger.exception("search: a background drain failed; the rows stay")
                return
            app.logger.info("search: indexed %d standards a busy index had left", drained)
            return
        app.logger.warning("search: the index stayed busy; the outbox keeps the work for later")
