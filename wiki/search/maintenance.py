"""Rebuilding the index, checking it against the database, and the work done at start-up."""

import atexit
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import delete, func, inspect, select
from sqlalchemy.orm import Session

from wiki.extensions import db
from wiki.search.base import IndexBusy
from wiki.search.documents import SearchDocument, count_standards, document_batches
from wiki.search.models import SearchOutbox
from wiki.search.outbox import drain_outbox

log = logging.getLogger(__name__)

#: seconds between the attempts of a background drain (about ten minutes in all)
RETRY_DELAYS = (0.2, 0.5, 1, 2, 3, 5, *([10] * 58))
#: seconds a process waits at exit for its background drains
EXIT_WAIT_SECONDS = 30


def rebuild_index(
    backend, *, progress: Callable[[Iterable], Iterable] | None = None, batch_size: int = 100
) -> int:
    """Index every standard again from the database; returns how many documents.

    Outbox rows older than the rebuild are satisfied by it and deleted; newer ones are
    drained afterwards, so saves made during a rebuild are not lost.
    """
    with Session(db.engine) as session:
        last_row = session.scalar(select(func.max(SearchOutbox.id))) or 0
        batches: Iterable[Sequence[SearchDocument]] = document_batches(
            session, batch_size, release=True
        )
        if progress is not None:
            batches = progress(batches)
        count = backend.rebuild(batches, session=session)
        session.execute(delete(SearchOutbox).where(SearchOutbox.id <= last_row))
        session.commit()
    drain_outbox(backend=backend)
    return count


def batch_count(batch_size: int = 100) -> int:
    with Session(db.engine) as session:
        return -(-count_standards(session) // batch_size)


@dataclass(frozen=True)
class Drift:
    """Documents the index lacks, holds in an old version, or holds for nothing."""

    missing: tuple[str, ...]
    stale: tuple[str, ...]
    orphaned: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.orphaned)


def check_index(backend) -> Drift:
    """Compare the documents the database gives today with what the index holds."""
    with Session(db.engine) as session:
        stored = backend.stored_versions(session=session)
        expected = {
            document.doc_id: document.version
            for batch in document_batches(session, release=True)
            for document in batch
        }
    return Drift(
        missing=tuple(sorted(set(expected) - set(stored))),
        stale=tuple(sorted(d for d in expected if d in stored and stored[d] != expected[d])),
        orphaned=tuple(sorted(set(stored) - set(expected))),
    )


def maintain(app: Flask) -> None:
    """Rebuild a missing or damaged index, then index whatever the outbox still holds."""
    from wiki.search import current_backend

    with app.app_context():
        try:
            if not inspect(db.engine).has_table(SearchOutbox.__tablename__):
                log.info("search: the database is not migrated yet; nothing to maintain")
                return
            backend = current_backend()
            if not backend.is_usable():
                log.warning("search: the index is missing or damaged; rebuilding it")
                count = rebuild_index(backend)
                log.warning("search: index rebuilt with %d documents", count)
            drained = drain_outbox(backend=backend)
            if drained:
                log.info("search: indexed %d standards left in the outbox", drained)
        except Exception:
            log.exception("search: start-up maintenance failed; searches may be out of date")


def maintain_in_background(app: Flask) -> threading.Thread:
    thread = threading.Thread(target=maintain, args=(app,), name="search-maintenance", daemon=True)
    thread.start()
    return thread


def start_once_per_process(app: Flask) -> None:
    """Run ``maintain`` in the background at a worker's first request (not for CLI commands)."""
    lock = threading.Lock()
    started = False

    def start() -> None:
        nonlocal started
        if started:
            return
        with lock:
            if not started:
                started = True
                maintain_in_background(app)

    app.before_request(start)


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
    from wiki.search import current_backend

    with app.app_context():
        backend = current_backend()
        for delay in RETRY_DELAYS:
            time.sleep(delay)
            try:
                drained = drain_outbox(backend=backend)
            except IndexBusy:
                continue
            except Exception:
                log.exception("search: a background drain failed; the rows stay in the outbox")
                return
            log.info("search: indexed %d standards a busy index had left", drained)
            return
        log.warning("search: the index stayed busy; the outbox keeps the work for later drains")
