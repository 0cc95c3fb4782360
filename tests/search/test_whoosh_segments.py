"""Whoosh segments: an update writes only its own segment; merging is tiered and, in a
server, done by a thread after the write, so no update pays for rewriting other documents."""

import datetime as dt
import logging
import threading

import pytest
from whoosh import index as whoosh_index

from wiki.search import whoosh_backend, whoosh_searcher, whoosh_segments
from wiki.search.base import IndexBusy, SearchRequest
from wiki.search.documents import SearchDocument
from wiki.search.query import parse
from wiki.search.visibility import PUBLIC_ONLY
from wiki.search.whoosh_backend import WhooshBackend
from wiki.search.whoosh_internals import list_segments
from wiki.search.whoosh_segments import MERGE_FACTOR, segments_to_merge


def document(standard_id: int, word: str = "hostelería") -> SearchDocument:
    return SearchDocument(
        doc_id=f"edition-{standard_id}",
        standard_id=standard_id,
        edition_id=standard_id,
        status="current",
        stage="published",
        committee_id=1,
        committee_name="Comité de Turismo",
        sector="Turismo",
        language="es",
        level=2,
        codes=(f"EC{standard_id:04d}", f"EC{standard_id:04d}.01"),
        code=f"EC{standard_id:04d}.01",
        title=f"Servicio de comedor {standard_id}",
        metadata="Turismo",
        body=f"La persona candidata atiende a los comensales con {word}.",
        date=dt.datetime(2026, 1, standard_id % 28 + 1, tzinfo=dt.UTC),
    )


def segment_sizes(backend: WhooshBackend) -> list[tuple[int, int]]:
    ix = whoosh_index.open_dir(str(backend.directory))
    return [(s.doc_count_all(), s.deleted_count()) for s in list_segments(ix)]


def found(backend: WhooshBackend, text: str) -> list[int]:
    results = backend.search(SearchRequest(parse(text).node, per_page=50), PUBLIC_ONLY)
    return sorted(hit.standard_id for hit in results.hits)


@pytest.mark.parametrize(
    ("sizes", "chosen"),
    [
        ([], []),
        ([(1, 0)] * (MERGE_FACTOR - 1), []),
        ([(1, 0)] * MERGE_FACTOR, list(range(MERGE_FACTOR))),
        # a large segment is not merged with small ones
        ([(1000, 0), *[(2, 0)] * MERGE_FACTOR], list(range(1, MERGE_FACTOR + 1))),
        # the smallest full tier first
        ([*[(30, 0)] * MERGE_FACTOR, *[(1, 0)] * MERGE_FACTOR], list(range(5, 10))),
        # tiers count live documents: a big segment mostly deleted is small
        ([(1000, 999), (1, 0), (1, 0), (1, 0), (1, 0)], [0, 1, 2, 3, 4]),
        # deleted share over the limit: rewritten on its own
        ([(1000, 201), (3, 0)], [0]),
        ([(1000, 200), (3, 0)], []),
    ],
)
def test_segments_to_merge(sizes, chosen):
    assert segments_to_merge(sizes) == chosen


def test_without_a_background_merger_a_full_tier_is_merged_by_the_next_write(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    for n in range(1, MERGE_FACTOR + 1):
        backend.index([document(n)], standard_ids=[n])
    assert segment_sizes(backend) == [(1, 0)] * MERGE_FACTOR
    # Whoosh merges the existing segments into the segment the next commit writes.
    backend.index([document(MERGE_FACTOR + 1)], standard_ids=[MERGE_FACTOR + 1])
    assert segment_sizes(backend) == [(MERGE_FACTOR + 1, 0)]
    assert found(backend, "hosteleria") == list(range(1, MERGE_FACTOR + 2))


def test_in_a_server_an_update_writes_only_its_own_segment(tmp_path, monkeypatch):
    backend = WhooshBackend(tmp_path / "index", merge_in_background=True)
    asked = []
    monkeypatch.setattr(backend, "_merge_soon", lambda: asked.append(len(segment_sizes(backend))))
    for n in range(1, MERGE_FACTOR + 2):
        backend.index([document(n)], standard_ids=[n])
    assert segment_sizes(backend) == [(1, 0)] * (MERGE_FACTOR + 1)
    # Asked to merge once the first tier was full, and again after each later write.
    assert asked == [MERGE_FACTOR, MERGE_FACTOR + 1]
    assert backend.merge_segments() == 1
    assert segment_sizes(backend) == [(MERGE_FACTOR + 1, 0)]
    assert backend.merge_segments() == 0
    assert found(backend, "hosteleria") == list(range(1, MERGE_FACTOR + 2))


def test_a_background_merge_keeps_every_document_and_drops_replaced_ones(tmp_path):
    backend = WhooshBackend(tmp_path / "index", merge_in_background=True)
    backend.index([document(n) for n in range(1, 11)], standard_ids=range(1, 11))
    # Three standards saved again with new text: their old documents are deleted ones.
    for n in (1, 2, 3):
        backend.index([document(n, "repostería")], standard_ids=[n])
    backend.wait_for_merges(timeout=30)
    # 3 of 10 deleted is over the limit: that segment was rewritten without them.
    assert sorted(segment_sizes(backend)) == [(1, 0), (1, 0), (1, 0), (7, 0)]
    assert found(backend, "reposteria") == [1, 2, 3]
    assert found(backend, "hosteleria") == list(range(4, 11))


def test_a_merge_that_finds_the_index_busy_gives_up_quietly(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger=whoosh_backend.__name__)
    backend = WhooshBackend(tmp_path / "index", merge_in_background=True)
    monkeypatch.setattr(backend, "_merge_soon", lambda: None)
    for n in range(1, MERGE_FACTOR + 1):
        backend.index([document(n)], standard_ids=[n])
    monkeypatch.setattr(whoosh_segments, "MERGE_LOCK_TIMEOUT", 0.1)
    holder = whoosh_index.open_dir(str(backend.directory)).writer()
    try:
        backend._run_merge_process()
    finally:
        holder.cancel()
    assert "segments will be merged after a later write" in caplog.text
    assert len(segment_sizes(backend)) == MERGE_FACTOR
    assert backend.merge_segments() == 1
    assert found(backend, "hosteleria") == list(range(1, MERGE_FACTOR + 1))


def test_writers_go_on_during_a_merge_and_their_deletions_reach_the_merged_segment(
    tmp_path, monkeypatch
):
    backend = WhooshBackend(tmp_path / "index", merge_in_background=True, lock_timeout=0.1)
    monkeypatch.setattr(backend, "_merge_soon", lambda: None)
    for n in range(1, MERGE_FACTOR + 1):
        backend.index([document(n)], standard_ids=[n])
    swap_in = whoosh_segments.swap_in

    def save_while_merging(*args, **kwargs):
        # The merged segment is written; the lock is free, so this save does not wait.
        backend.index([document(2, "repostería")], standard_ids=[2])
        return swap_in(*args, **kwargs)

    monkeypatch.setattr(whoosh_segments, "swap_in", save_while_merging)
    assert backend.merge_segments() == 1
    # The five merged (standard 2's old document deleted in it) and the save's new segment.
    assert sorted(segment_sizes(backend)) == [(1, 0), (MERGE_FACTOR, 1)]
    assert found(backend, "hosteleria") == [1, 3, 4, 5]
    assert found(backend, "reposteria") == [2]


def test_a_merge_overtaken_by_a_rebuild_changes_nothing(tmp_path, monkeypatch):
    backend = WhooshBackend(tmp_path / "index", merge_in_background=True)
    monkeypatch.setattr(backend, "_merge_soon", lambda: None)
    for n in range(1, MERGE_FACTOR + 1):
        backend.index([document(n)], standard_ids=[n])
    swap_in = whoosh_segments.swap_in

    def rebuild_while_merging(*args, **kwargs):
        backend.rebuild([[document(7, "repostería")]])
        return swap_in(*args, **kwargs)

    monkeypatch.setattr(whoosh_segments, "swap_in", rebuild_while_merging)
    assert backend.merge_segments() == 0
    assert segment_sizes(backend) == [(1, 0)]
    assert found(backend, "reposteria") == [7]
    assert found(backend, "hosteleria") == []
    assert [p.name for p in tmp_path.iterdir() if "merge-" in p.name] == []


def test_a_merge_clears_what_a_killed_merge_process_left(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    backend.index([document(1)], standard_ids=[1])
    left = tmp_path / ".index.merge-abc123"
    left.mkdir()
    (left / "MAIN_half_written.seg").write_bytes(b"\0" * 64)
    assert backend.merge_segments() == 0
    assert not left.exists()
    assert found(backend, "hosteleria") == [1]


def test_a_searcher_opened_before_a_merge_still_reads_the_merged_away_segments(
    tmp_path, monkeypatch
):
    # A search that began before a merge's swap ends on the old segments, whose files the
    # swap deletes: what it reads late (facet columns, stored text) must still be there.
    backend = WhooshBackend(tmp_path / "index", merge_in_background=True)
    monkeypatch.setattr(backend, "_merge_soon", lambda: None)
    for n in range(1, MERGE_FACTOR + 1):
        backend.index([document(n)], standard_ids=[n])
    searcher = backend._held().searcher
    assert backend.merge_segments() == 1
    assert not searcher.up_to_date()
    reader = searcher.reader()
    assert list(reader.column_reader("committee")) == ["1"] * MERGE_FACTOR
    assert sorted(searcher.stored_fields(d)["doc_id"] for d in reader.all_doc_ids()) == sorted(
        f"edition-{n}" for n in range(1, MERGE_FACTOR + 1)
    )


def test_opening_a_searcher_maps_nothing_into_memory(tmp_path):
    # Whoosh copies each sub-file of a memory-mapped segment when a reader opens it.
    backend = WhooshBackend(tmp_path / "index")
    backend.index([document(1)], standard_ids=[1])
    assert backend._open().storage.supports_mmap is False
    assert found(backend, "hosteleria") == [1]


def test_a_rebuild_waits_longer_for_the_lock_than_a_save_does(tmp_path):
    backend = WhooshBackend(tmp_path / "index", lock_timeout=0.05)
    backend.index([document(1)], standard_ids=[1])
    holder = whoosh_index.open_dir(str(backend.directory)).writer()
    releaser = threading.Timer(0.5, holder.cancel)
    releaser.start()
    try:
        with pytest.raises(IndexBusy):
            backend.index([document(2)], standard_ids=[2])
        assert backend.rebuild([[document(3, "repostería")]]) == 1
    finally:
        releaser.join()
    assert found(backend, "reposteria") == [3]
    assert found(backend, "hosteleria") == []


def test_a_segment_deleted_while_a_searcher_opens_is_retried_and_nothing_left_open(
    tmp_path, monkeypatch
):
    # A merge may delete a segment's file between the table of contents and its opening.
    backend = WhooshBackend(tmp_path / "index")
    backend.index([document(1)], standard_ids=[1])
    backend.index([document(2)], standard_ids=[2])
    opened, failures = [], [1]

    class FlakyReader(whoosh_searcher.SegmentReader):
        def __init__(self, *args, **kwargs):
            if opened and failures:
                failures.pop()
                raise FileNotFoundError("deleted by a merge")
            super().__init__(*args, **kwargs)
            opened.append(self)

    monkeypatch.setattr(whoosh_searcher, "SegmentReader", FlakyReader)
    assert found(backend, "hosteleria") == [1, 2]
    # The first attempt opened one reader before the failure: it was closed, not dropped.
    assert len(opened) == 3
    assert opened[0].is_closed
    assert not opened[1].is_closed and not opened[2].is_closed
