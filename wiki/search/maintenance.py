"""Rebuilding the index, checking it against the database, and the work done at start-up."""

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import delete, func, inspect, select
from sqlalchemy.orm import Session

from wiki.extensions import db
from wiki.search.backends import current_backend
from wiki.search.documents import SearchDocument, count_standards, document_batches
from wiki.search.models import SearchOutbox
from wiki.search.outbox import drain_outbox

log = logging.getLogger(__name__)


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
