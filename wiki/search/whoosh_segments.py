"""Merging the Whoosh index's segments: which to merge, and merging them beside the writers.

Each write adds a segment. Whoosh's own policy merges segments inside the commit that adds
one, so now and then a one-document update paid for rewriting hundreds of documents
(0.5–2 s). Here segments are merged by size tiers (``segments_to_merge``): inside the next
write (``tiered_merge``, a Whoosh merge policy) when the backend is built with
``merge_in_background=False`` (tests, tools), otherwise by ``merge_segments`` in a child
process after the write has committed, so an update costs only its own segment. That
writes the merged segment outside the write lock and holds the lock only to swap it into
the table of contents (``swap_in``), so updates do not wait for merges either.
"""

import shutil
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import Schema
from whoosh.reading import SegmentReader
from whoosh.util.filelock import try_for

from wiki.search import whoosh_internals as internals
from wiki.search.base import IndexBusy
from wiki.search.whoosh_storage import open_index, process_lock

#: segments of one size tier (1–4 live documents, 5–24, 25–124, …) merged into one
MERGE_FACTOR = 5
#: a segment with a larger share of deleted documents is rewritten without them
MAX_DELETED_SHARE = 0.2
#: seconds a background merge waits for the write lock
MERGE_LOCK_TIMEOUT = 120.0


def _tier(live_documents: int) -> int:
    tier, size = 0, MERGE_FACTOR
    while live_documents >= size:
        tier, size = tier + 1, size * MERGE_FACTOR
    return tier


def segments_to_merge(sizes: Sequence[tuple[int, int]]) -> list[int]:
    """Which segments to merge now, given ``(documents, deleted)`` of each; [] if none.

    The smallest size tier holding ``MERGE_FACTOR`` segments is merged into one segment of
    the next tier, so each document is rewritten about log(n) times in its life and the
    index keeps a few segments per tier. Otherwise the segments whose deleted share is over
    ``MAX_DELETED_SHARE`` are rewritten (every query skips deleted documents one by one).
    """
    tiers: dict[int, list[int]] = defaultdict(list)
    for position, (documents, deleted) in enumerate(sizes):
        tiers[_tier(documents - deleted)].append(position)
    for tier in sorted(tiers):
        if len(tiers[tier]) >= MERGE_FACTOR:
            return tiers[tier]
    return [
        position
        for position, (documents, deleted) in enumerate(sizes)
        if documents and deleted / documents > MAX_DELETED_SHARE
    ]


def segment_sizes(segments) -> list[tuple[int, int]]:
    """``(documents, deleted)`` of each segment, as ``segments_to_merge`` takes them."""
    return [(segment.doc_count_all(), segment.deleted_count()) for segment in segments]


def _add_segments(writer, storage, segments) -> None:
    """Copy the live documents of ``segments`` (of the index in ``storage``) into ``writer``."""
    for segment in segments:
        reader = SegmentReader(storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()


def tiered_merge(writer, segments):
    """Whoosh merge policy: merge what ``segments_to_merge`` picks; returns the others."""
    chosen = set(segments_to_merge(segment_sizes(segments)))
    _add_segments(writer, writer.storage, [segments[position] for position in sorted(chosen)])
    return [segment for position, segment in enumerate(segments) if position not in chosen]


def merge_segments(directory: Path, schema: Schema, *, timeout: float) -> int:
    """Merge the index's segments until none is due; returns merges done.

    One process merges at a time (a lock file of its own); another finding it held
    returns 0. Raises ``IndexBusy`` if the write lock stays held over ``timeout`` seconds.
    """
    merges = 0
    with process_lock(directory, "merge", wait=False) as held:
        if not held:
            return 0
        # Whatever a merge process killed before its end left behind.
        for stale in directory.parent.glob(f".{directory.name}.merge-*"):
            shutil.rmtree(stale, ignore_errors=True)
        while whoosh_index.exists_in(str(directory)) and _merge_once(directory, schema, timeout):
            merges += 1
    return merges


def _merge_once(directory: Path, schema: Schema, timeout: float) -> bool:
    """Merge what is due now into one new segment; False if nothing was (or could be)."""
    ix = open_index(directory)
    snapshot = internals.list_segments(ix)
    chosen = [snapshot[position] for position in segments_to_merge(segment_sizes(snapshot))]
    if not chosen:
        return False
    workspace = Path(tempfile.mkdtemp(prefix=f".{directory.name}.merge-", dir=directory.parent))
    try:
        merged = None
        if any(s.doc_count_all() > s.deleted_count() for s in chosen):
            writer = internals.unlocked_writer(whoosh_index.create_in(str(workspace), schema))
            try:
                _add_segments(writer, ix.storage, chosen)
                merged = internals.finalize_segment(writer)
            finally:
                internals.finish_writer(writer)
        return swap_in(ix, chosen, merged, workspace, directory, timeout)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def swap_in(ix, chosen, merged, workspace: Path, directory: Path, timeout: float) -> bool:
    """Under the write lock: replace ``chosen`` with ``merged`` in a new table of contents.

    ``merged`` (None when every document of ``chosen`` was deleted) has its files in
    ``workspace``; they move into ``directory``, the index's. Documents deleted from
    ``chosen`` since the merge read them are deleted from ``merged`` too (a merge keeps the
    order of the live documents). If another writer dropped one of ``chosen`` meanwhile (a
    rebuild), nothing changes.
    """
    lock = internals.write_lock(ix)
    if not try_for(lock.acquire, timeout=timeout, delay=0.02):
        raise IndexBusy(f"index write lock held for over {timeout}s")
    try:
        toc = internals.read_toc(ix)
        current = {segment.segment_id(): segment for segment in toc.segments}
        if any(segment.segment_id() not in current for segment in chosen):
            return False
        if merged is not None:
            position = 0
            for before in chosen:
                now = current[before.segment_id()]
                for docnum in range(before.doc_count_all()):
                    if before.is_deleted(docnum):
                        continue
                    if now.is_deleted(docnum):
                        merged.delete_document(position)
                    position += 1
            internals.move_segment_files(merged, workspace, directory)
        gone = {segment.segment_id() for segment in chosen}
        segments = [s for s in toc.segments if s.segment_id() not in gone]
        segments += [merged] if merged is not None else []
        new = internals.TableOfContents(toc.schema, tuple(segments), toc.generation + 1)
        internals.write_toc(ix, new)
        internals.delete_unused_files(ix, new)
        return True
    finally:
        lock.release()
