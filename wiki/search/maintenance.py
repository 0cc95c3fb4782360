"""Rebuilding the index, checking it against the database, repairing it, and the work done
at start-up.

An index beside the database (Whoosh) that is missing, damaged or short of documents is
found out by the search that meets it (``IndexIncomplete``); that request starts
``repair_in_background`` and answers 503 meanwhile. Of several processes finding it so, the
one that takes the index's rebuild lock rebuilds; the others see it held and leave it.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from wiki.db import reading_engine
from wiki.extensions import db
from wiki.search.backends import current_backend
from wiki.search.base import IndexBusy
from wiki.search.documents import SearchDocument, count_standards, document_batches
from wiki.search.models import SearchOutbox
from wiki.search.outbox import delete_rows, drain_outbox

log = logging.getLogger(__name__)

#: seconds after a failed repair before a search may start another
REPAIR_PAUSE_SECONDS = 30


def rebuild_index(
    backend, *, progress: Callable[[Iterable], Iterable] | None = None, batch_size: int = 100
) -> int:
    """Index every standard again from the database; returns how many documents.

    The outbox rows present when the documents are read are satisfied by the rebuild and
    deleted after it; rows added meanwhile are drained afterwards, so saves made during a
    rebuild are not lost. An index beside the database reads ``batches`` under its write
    lock (a drain just before is never undone by older text) in a transaction that only
    reads; the rows go in a short write transaction after.
    """
    satisfied: list[int] = []
    engine = db.engine if backend.in_database else reading_engine(db.engine)
    with Session(engine) as session:

        def batches() -> Iterator[Sequence[SearchDocument]]:
            satisfied.extend(session.scalars(select(SearchOutbox.id)))
            yield from document_batches(session, batch_size, release=True)

        shown: Iterable[Sequence[SearchDocument]] = batches()
        if progress is not None:
            shown = progress(shown)
        count = backend.rebuild(shown, session=session)
        session.commit()
    with Session(db.engine) as session:
        delete_rows(session, satisfied)
        session.commit()
    drain_outbox(backend=backend)
    return count


def repair_index(backend) -> int | None:
    """Rebuild the index if it is missing, damaged or short of documents, unless another
    process is rebuilding it; returns the documents indexed, or None if nothing was done."""
    with backend.rebuild_lock(wait=False) as mine:
        if not mine:
            return None
        with Session(reading_engine(db.engine)) as session:
            whole = backend.is_whole(session)
        if whole:
            return None
        log.warning("search: the index is missing, damaged or incomplete; rebuilding it")
        count = rebuild_index(backend)
        log.warning("search: index rebuilt with %d documents", count)
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
    with Session(reading_engine(db.engine)) as session:
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


def maintain(app: Flask) -> bool:
    """Repair a missing, damaged or incomplete index, then index whatever the outbox still
    holds; returns False if that failed (logged)."""
    with app.app_context():
        try:
            if not inspect(db.engine).has_table(SearchOutbox.__tablename__):
                log.info("search: the database is not migrated yet; nothing to maintain")
                return True
            backend = current_backend()
            repair_index(backend)
            drained = drain_outbox(backend=backend)
            if drained:
                log.info("search: indexed %d standards left in the outbox", drained)
        except IndexBusy:
            log.info("search: another process is writing the index; it drains the outbox")
        except Exception:
            log.exception("search: index maintenance failed; searches may be out of date")
            return False
        return True


def maintain_in_background(app: Flask) -> threading.Thread | None:
    """Run ``maintain`` in a thread of this process, unless one is running already (or one
    failed less than ``REPAIR_PAUSE_SECONDS`` ago: a search then says "rebuilt" a while
    longer rather than start a rebuild per request)."""
    state = app.extensions.setdefault("search_maintenance", _Maintenance())
    with state.guard:
        waited = time.monotonic() - state.failed_at
        if not state.running() and waited >= REPAIR_PAUSE_SECONDS:
            state.thread = threading.Thread(
                target=state.run, args=(app,), name="search-maintenance", daemon=True
            )
            state.thread.start()
        return state.thread


class _Maintenance:
    def __init__(self):
        self.guard = threading.Lock()
        self.thread: threading.Thread | None = None
        self.failed_at = -float(REPAIR_PAUSE_SECONDS)

    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def run(self, app: Flask) -> None:
        if not maintain(app):
            self.failed_at = time.monotonic()


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
