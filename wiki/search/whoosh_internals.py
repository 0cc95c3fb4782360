"""Every use of Whoosh's private API, in one place: checked against whoosh-reloaded 2.7.5.

Merging segments beside the writers (``whoosh_merge``) and opening a searcher that closes
what it opened (``whoosh_backend``) need parts of Whoosh that its documentation does not
offer. They are wrapped here, each in a function named for what it does, so an upgrade has
one module to re-read. ``tests/search/test_whoosh_internals.py`` fails when the installed
version is not ``CHECKED_AGAINST`` and checks each function's behaviour on a real index.

- ``read_toc``, ``list_segments``: ``FileIndex._read_toc``/``_segments``. A searcher is
  built from the segments of one table of contents (so the readers it could not open are
  closed, not left to the garbage collector), and a merge picks segments from one.
- ``writer_segments``: ``SegmentWriter.segments``, the segments with the writer's
  deletions so far; an update decides from them whether a merge is due after its commit.
- ``unlocked_writer``, ``finalize_segment``, ``finish_writer``: ``SegmentWriter(_lk=False)``,
  ``_finalize_segment`` and ``_finish``. A merge writes its segment in a folder of its own,
  outside the index's write lock, and never commits it there.
- ``write_lock``: the lock named ``WRITELOCK`` that every ``SegmentWriter`` takes; a merge
  holds it only to swap its segment in. The backend's writers take it themselves too, then
  build an unlocked writer: a ``SegmentWriter`` that fails in its constructor, after taking
  the lock, never releases it (only the garbage collector does, whenever it frees the lock).
- ``write_toc``, ``delete_unused_files``: ``TOC(...).write`` and ``whoosh.index.clean_files``,
  what ``SegmentWriter._commit_toc`` does: a table of contents written by hand, the next
  generation, listing the merged segment instead of those it replaces.
- ``move_segment_files``: a segment's files are named after its ``segment_id()``.

Segments themselves (``whoosh.codec.base.Segment``) are used through their public methods
(``segment_id``, ``doc_count_all``, ``deleted_count``, ``is_deleted``, ``delete_document``);
deletions live in the segment object, pickled in the table of contents, which is why
``delete_document`` before ``write_toc`` carries a deletion over into the merged segment.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from whoosh.fields import Schema
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.writing import SegmentWriter

#: the whoosh-reloaded release every function here was read against
CHECKED_AGAINST = "2.7.5"


@dataclass(frozen=True)
class TableOfContents:
    """One generation of an index: its schema and its segments."""

    schema: Schema
    segments: tuple
    generation: int


def read_toc(ix: FileIndex) -> TableOfContents:
    """The index's latest table of contents."""
    toc = ix._read_toc()
    return TableOfContents(toc.schema, tuple(toc.segments), toc.generation)


def list_segments(ix: FileIndex) -> list:
    """The segments of the index's latest table of contents."""
    return ix._segments()


def writer_segments(writer: SegmentWriter) -> list:
    """The index's segments as ``writer`` sees them, with the deletions it has made."""
    return writer.segments


def unlocked_writer(ix: FileIndex, **options) -> SegmentWriter:
    """A writer that takes no lock: for an index no other process knows of, or for a caller
    that holds ``write_lock`` itself (and so can release it whatever the writer does)."""
    return SegmentWriter(ix, _lk=False, **options)


def finalize_segment(writer: SegmentWriter):
    """Write out the writer's new segment in its index's folder and return it, uncommitted."""
    return writer._finalize_segment()


def finish_writer(writer: SegmentWriter) -> None:
    """Release what ``writer`` holds (temporary files, its lock) without committing."""
    writer._finish()


def write_lock(ix: FileIndex):
    """The lock every writer of ``ix`` takes: ``acquire()`` it to keep them out."""
    return ix.lock("WRITELOCK")


def write_toc(ix: FileIndex, toc: TableOfContents) -> None:
    """Write ``toc`` as the index's table of contents of ``toc.generation``."""
    TOC(toc.schema, list(toc.segments), toc.generation).write(ix.storage, ix.indexname)


def delete_unused_files(ix: FileIndex, toc: TableOfContents) -> None:
    """Delete the files of other generations and of segments not in ``toc``.

    A file another process still has open stays until a later call.
    """
    clean_files(ix.storage, ix.indexname, toc.generation, list(toc.segments))


def move_segment_files(segment, source: Path, target: Path) -> None:
    """Move the files of ``segment`` from folder ``source`` into folder ``target``."""
    for path in source.iterdir():
        if path.name.startswith(segment.segment_id()):
            os.replace(path, target / path.name)
