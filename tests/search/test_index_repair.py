"""A Whoosh index lost or damaged on its own is found out, said so, and rebuilt.

Search compares the index with the database before it answers from a new searcher: an index
removed, damaged or short of documents answers a styled 503 ("the search index is being
rebuilt"), never "0 results", and the request starts the rebuild in a thread. One process
rebuilds at a time; saves meanwhile neither wait for it nor are lost.
"""

import logging
import shutil
import threading
import time

import pytest

from tests.comment_factories import comment
from tests.search.conftest import real_session
from tests.search.corpus import dining_with, save
from tests.search.live import live_app, new_standard, people_of
from wiki.search import maintenance
from wiki.search.base import IndexBusy, IndexIncomplete
from wiki.search.outbox import drain_outbox
from wiki.standards.models import Standard


@pytest.fixture
def live(db_kind, tmp_path):
    with live_app(db_kind, tmp_path) as running:
        yield running


def search_page(live, text: str, language: str = "en"):
    with real_session(live.app):
        client = live.app.test_client()
        return client.get(f"/search?q={text}&lang={language}")


def repair(live):
    with live.app.app_context():
        return maintenance.repair_index(live.backend)


def wait_for_repair(live) -> None:
    state = live.app.extensions.get("search_maintenance")
    if state is not None and state.thread is not None:
        state.thread.join(60)


def test_a_removed_index_says_it_is_being_rebuilt_and_is_rebuilt_without_a_restart(live):
    standard_id = new_standard(live, dining_with("perdida"))
    shutil.rmtree(live.backend.directory)
    response = search_page(live, "perdida")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "The search index is being rebuilt" in response.text
    assert "search-unavailable" in response.text  # the styled panel, in the page's layout
    wait_for_repair(live)
    assert live.standard_ids("perdida") == [standard_id]
    assert search_page(live, "perdida").status_code == 200
    assert live.check().clean


def test_the_message_is_in_spanish_too(live):
    new_standard(live)
    shutil.rmtree(live.backend.directory)
    response = search_page(live, "comensales", language="es")
    assert response.status_code == 503
    assert "El índice de búsqueda se está reconstruyendo" in response.text
    wait_for_repair(live)


@pytest.mark.parametrize("damage", ["cut short", "missing"])
def test_an_index_with_a_segment_file_damaged_is_rebuilt(live, damage):
    standard_id = new_standard(live, dining_with("truncada"))
    live.backend.close()
    (segment,) = live.backend.directory.glob("*.seg")
    if damage == "missing":
        segment.unlink()  # its table of contents still names it
    else:
        segment.write_bytes(segment.read_bytes()[:100])
    with pytest.raises(IndexIncomplete):
        live.standard_ids("truncada")
    assert repair(live) == 1
    assert live.standard_ids("truncada") == [standard_id]


def test_an_index_short_of_documents_is_found_out_and_rebuilt(live):
    kept = new_standard(live, dining_with("guardada"))
    lost = new_standard(live, dining_with("olvidada"))
    live.backend.remove([lost])  # as an old copy of the index put back would be
    with pytest.raises(IndexIncomplete, match="1 documents of 2"):
        live.standard_ids("guardada")
    assert repair(live) == 2
    assert live.standard_ids("guardada") == [kept]
    assert live.standard_ids("olvidada") == [lost]


def test_work_waiting_in_the_outbox_is_not_taken_for_a_short_index(live, monkeypatch):
    indexed = new_standard(live, dining_with("indexada"))
    monkeypatch.setitem(live.app.config, "SEARCH_DRAIN_AFTER_COMMIT", False)
    new_standard(live, dining_with("pendiente"))
    assert live.pending() == 1
    # The index lacks the new standard, but the outbox says so: it is not damaged.
    assert live.standard_ids("indexada") == [indexed]
    assert live.standard_ids("pendiente") == []
    assert repair(live) is None


def hold_rebuild_lock(live, released: threading.Event) -> threading.Thread:
    """Another process rebuilding: a thread holding the rebuild lock until ``released``."""
    holding = threading.Event()

    def hold():
        with live.backend.rebuild_lock() as held:
            assert held
            holding.set()
            released.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    assert holding.wait(10)
    return thread


def test_only_the_process_holding_the_rebuild_lock_rebuilds(live):
    standard_id = new_standard(live, dining_with("unasola"))
    shutil.rmtree(live.backend.directory)
    released = threading.Event()
    holder = hold_rebuild_lock(live, released)
    try:
        assert repair(live) is None  # another one is at it
    finally:
        released.set()
        holder.join()
    assert repair(live) == 1
    assert repair(live) is None  # whole now: nothing to do
    assert live.standard_ids("unasola") == [standard_id]


def test_a_save_during_a_rebuild_neither_waits_for_it_nor_is_lost(live, caplog):
    caplog.set_level(logging.INFO)
    standard_id = new_standard(live)
    released = threading.Event()
    holder = hold_rebuild_lock(live, released)
    try:
        began = time.monotonic()
        with real_session(live.app) as session:
            save(people_of(live), standard_id, dining_with("reconstruyendose"))
            session.commit()
        took = time.monotonic() - began
        assert live.pending() == 1
        with live.app.app_context(), pytest.raises(IndexBusy):
            drain_outbox()
    finally:
        released.set()
        holder.join()
    assert took < live.backend.lock_timeout / 2  # not the drain's wait for the lock
    assert "the outbox keeps the work" in caplog.text
    assert maintenance.maintain(live.app)
    assert live.pending() == 0
    assert live.standard_ids("reconstruyendose") == [standard_id]


def test_a_change_committed_while_a_drain_writes_is_drained_after_it(live, monkeypatch):
    standard_id = new_standard(live)
    monkeypatch.setitem(live.app.config, "SEARCH_DRAIN_AFTER_COMMIT", False)
    with real_session(live.app) as session:
        save(people_of(live), standard_id, dining_with("primera"))
        session.commit()
    load_and_index = live.backend.index_loaded
    loads = []

    def index_loaded(load):
        def load_then_someone_saves():
            loaded = load()
            loads.append(loaded[0])
            if len(loads) == 1:
                # Someone saves once the drain has read: it holds no database lock.
                saver = threading.Thread(target=save_again)
                saver.start()
                saver.join(30)
            return loaded

        load_and_index(load_then_someone_saves)

    def save_again():
        with real_session(live.app) as session:
            save(people_of(live), standard_id, dining_with("segunda"))
            session.commit()

    monkeypatch.setattr(live.backend, "index_loaded", index_loaded)
    with live.app.app_context():
        # The first batch deletes only the row it read; the second save's row makes a second.
        assert drain_outbox() == 2
    assert loads == [[standard_id], [standard_id]]
    assert live.pending() == 0
    assert live.standard_ids("primera") == []
    assert live.standard_ids("segunda") == [standard_id]


def test_a_rebuild_holds_up_no_other_write(live):
    standard_id = new_standard(live)
    took = []

    def commenting_meanwhile(batches):
        for batch in batches:
            began = time.monotonic()
            with real_session(live.app) as session:
                comment(people_of(live)["union"], session.get(Standard, standard_id))
                session.commit()
            took.append(time.monotonic() - began)
            yield batch

    with live.app.app_context():
        assert maintenance.rebuild_index(live.backend, progress=commenting_meanwhile) == 1
    # In a write transaction the rebuild kept the comment waiting until "database is locked".
    assert took and max(took) < 1.0
