"""The folder of a Whoosh index: opening it, and the lock files beside it.

The index is opened without memory maps. With them, Whoosh copies each sub-file of a
segment (the term dictionary, tens of MB at 10,000 standards) into memory whenever a reader
opens it, so every new searcher (the first search after any write) and every writer's
delete cost 25–90 ms; without them a reader reads through the segment file's handle, opened
once (about 1 ms, the same query times). Plain per-file segments would avoid the copy too,
but their files are opened lazily, and a searcher opened before a merge then finds them
deleted.
"""

import contextlib
import fcntl
import threading
from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from wiki.search.base import SearchUnavailable


def open_index(directory: Path):
    """The index in ``directory``; ``SearchUnavailable`` if there is none or it cannot be read."""
    try:
        # No memory map: Whoosh copies each sub-file of a mapped segment into memory.
        return FileStorage(str(directory), supports_mmap=False).open_index()
    except (whoosh_index.EmptyIndexError, OSError) as exc:
        raise SearchUnavailable(str(exc)) from exc


#: lock files the current thread holds (``process_lock`` is re-entrant within a thread)
_held = threading.local()


@contextlib.contextmanager
def process_lock(directory: Path, purpose: str, *, wait: bool = True) -> Iterator[bool]:
    """A lock file beside the index, one holder at a time (``rebuild``, ``merge``).

    Yields whether it is held: without ``wait``, False when another process, or another
    thread of this one, has it. A thread already holding it holds it again at once.
    """
    directory.parent.mkdir(parents=True, exist_ok=True)
    path = directory.parent / f"{directory.name}.{purpose}.lock"
    mine = _held.__dict__.setdefault("paths", set())
    if path in mine:
        yield True
        return
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        mine.add(path)
        try:
            yield True
        finally:
            mine.discard(path)
            fcntl.flock(handle, fcntl.LOCK_UN)
