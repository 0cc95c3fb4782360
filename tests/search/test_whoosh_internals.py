"""Whoosh's private API as ``wiki.search.whoosh_internals`` uses it.

The first test pins the release the module was read against; the others run each function
on a real index, so an upgrade that changes what one of them relies on fails here, not in
a merge in production.
"""

from importlib.metadata import version
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema
from whoosh.index import LockError
from whoosh.reading import SegmentReader
from whoosh.writing import NO_MERGE

from wiki.search import whoosh_internals as internals


def test_installed_whoosh_is_the_release_the_internals_were_checked_against():
    installed = version("whoosh-reloaded")
    assert installed == internals.CHECKED_AGAINST, (
        f"whoosh-reloaded {installed} is installed, but wiki/search/whoosh_internals.py was "
        f"checked against {internals.CHECKED_AGAINST}. Re-read each function there against "
        "the new release's source (and run these tests), then update CHECKED_AGAINST."
    )


SCHEMA = Schema(key=ID(stored=True, unique=True), body=TEXT)


def commit(ix, keys=(), *, delete=()) -> None:
    """One commit, unmerged: it adds one segment holding ``keys``."""
    writer = ix.writer()
    for key in delete:
        writer.delete_by_term("key", key)
    for key in keys:
        writer.add_document(key=key, body=f"word {key}")
    writer.commit(mergetype=NO_MERGE)


@pytest.fixture
def ix(tmp_path):
    """An index of two segments, ``a b`` and ``c d``, at generation 2."""
    (tmp_path / "index").mkdir()
    index = whoosh_index.create_in(str(tmp_path / "index"), SCHEMA)
    commit(index, ["a", "b"])
    commit(index, ["c", "d"])
    return index


def stored_keys(ix) -> list[str]:
    with whoosh_index.open_dir(ix.storage.folder).searcher() as searcher:
        return sorted(fields["key"] for fields in searcher.all_stored_fields())


def test_read_toc_gives_the_latest_generation_with_its_schema_and_segments(ix):
    toc = internals.read_toc(ix)
    assert toc.generation == 2
    assert sorted(toc.schema.names()) == ["body", "key"]
    assert [(s.doc_count_all(), s.deleted_count()) for s in toc.segments] == [(2, 0), (2, 0)]
    commit(ix, delete=["a"])
    toc = internals.read_toc(ix)
    assert toc.generation == 3
    assert [(s.doc_count_all(), s.deleted_count()) for s in toc.segments] == [(2, 1), (2, 0)]


def test_list_segments_are_those_of_the_table_of_contents_and_name_their_files(ix):
    segments = internals.list_segments(ix)
    assert segments == list(internals.read_toc(ix).segments)
    files = [path.name for path in Path(ix.storage.folder).iterdir()]
    for segment in segments:
        assert any(name.startswith(segment.segment_id()) for name in files)


def test_writer_segments_carry_the_writers_deletions_before_it_commits(ix):
    writer = ix.writer()
    try:
        writer.delete_by_term("key", "c")
        sizes = [(s.doc_count_all(), s.deleted_count()) for s in internals.writer_segments(writer)]
        assert sizes == [(2, 0), (2, 1)]
        assert [s.deleted_count() for s in internals.list_segments(ix)] == [0, 0]
    finally:
        writer.cancel()


def test_write_lock_is_the_lock_every_writer_takes(ix):
    lock = internals.write_lock(ix)
    assert lock.acquire()
    try:
        with pytest.raises(LockError):
            ix.writer(timeout=0)
    finally:
        lock.release()
    writer = ix.writer()
    try:
        assert not internals.write_lock(ix).acquire()
    finally:
        writer.cancel()
    assert internals.write_lock(ix).acquire()


def merged_segment(ix, workspace: Path):
    """The documents of every segment of ``ix`` in one segment written in ``workspace``."""
    writer = internals.unlocked_writer(whoosh_index.create_in(str(workspace), SCHEMA))
    try:
        for segment in internals.list_segments(ix):
            reader = SegmentReader(ix.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        return internals.finalize_segment(writer)
    finally:
        internals.finish_writer(writer)


def test_an_unlocked_writer_finalizes_a_segment_without_committing_or_locking(ix, tmp_path):
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    writer = internals.unlocked_writer(whoosh_index.create_in(str(workspace), SCHEMA))
    lock = internals.write_lock(whoosh_index.open_dir(str(workspace)))
    try:
        assert lock.acquire()
        lock.release()
        for segment in internals.list_segments(ix):
            reader = SegmentReader(ix.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        segment = internals.finalize_segment(writer)
    finally:
        internals.finish_writer(writer)
    assert writer.is_closed
    assert (segment.doc_count_all(), segment.deleted_count()) == (4, 0)
    # Its file is written, named after it; the workspace's table of contents is untouched
    # and the writer's temporary files are gone.
    names = {path.name for path in workspace.iterdir() if path.suffix in {".seg", ".toc"}}
    assert names == {"_MAIN_0.toc", f"{segment.segment_id()}.seg"}
    assert not (workspace / "MAIN.tmp").exists()
    assert internals.read_toc(whoosh_index.open_dir(str(workspace))).segments == ()


def test_a_hand_written_table_of_contents_swaps_segments_and_keeps_deletions(ix, tmp_path):
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    directory = Path(ix.storage.folder)
    old = internals.read_toc(ix)
    merged = merged_segment(ix, workspace)
    # Documents keep their order in the merged segment: a, b, c, d.
    merged.delete_document(1)

    internals.move_segment_files(merged, workspace, directory)
    assert sorted(path.name for path in workspace.iterdir()) == ["_MAIN_0.toc"]
    new = internals.TableOfContents(old.schema, (merged,), old.generation + 1)
    internals.write_toc(ix, new)
    internals.delete_unused_files(ix, new)

    reopened = whoosh_index.open_dir(str(directory))
    toc = internals.read_toc(reopened)
    assert toc.generation == 3
    assert [(s.segment_id(), s.deleted_count()) for s in toc.segments] == [(merged.segment_id(), 1)]
    assert stored_keys(reopened) == ["a", "c", "d"]
    names = {path.name for path in directory.iterdir() if path.suffix in {".seg", ".toc"}}
    assert names == {"_MAIN_3.toc", f"{merged.segment_id()}.seg"}
    # Writers go on from the new generation.
    commit(reopened, ["e"], delete=["c"])
    assert stored_keys(reopened) == ["a", "d", "e"]
