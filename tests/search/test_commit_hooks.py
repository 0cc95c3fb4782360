"""Freshness against a database of its own, where commits are real.

The app indexes into its Whoosh index after each commit; rolled-back work leaves no trace;
a locked or failing index never fails a save; start-up finishes what a killed worker left
and rebuilds a missing or damaged index; the CLI rebuilds and checks.
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import update
from whoosh import index as whoosh_index

from tests.search.conftest import real_session
from tests.search.corpus import dining_with, publish, save
from tests.search.live import Live, live_app, new_standard, people_of
from wiki.publication.models import Edition
from wiki.search import maintenance, outbox
from wiki.search.base import IndexIncomplete
from wiki.search.outbox import drain_outbox, pending_count
from wiki.search.visibility import PUBLIC_ONLY

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def live(db_kind, tmp_path_factory):
    with live_app(db_kind, tmp_path_factory.mktemp("live")) as running:
        yield running


def test_a_real_commit_indexes_without_anyone_draining(live):
    standard_id = new_standard(live, dining_with("primeravista"))
    assert live.standard_ids("primeravista") == [standard_id]
    assert live.pending() == 0


def test_a_rolled_back_save_leaves_no_trace_in_the_index(live):
    standard_id = new_standard(live)
    with real_session(live.app) as session:
        save(people_of(live), standard_id, dining_with("jamasguardada"))
        assert pending_count(session) == 1
        session.rollback()
        assert pending_count(session) == 0
    with live.app.app_context():
        drain_outbox()
    assert live.standard_ids("jamasguardada") == []


def test_a_locked_index_never_fails_a_save(live, monkeypatch):
    standard_id = new_standard(live)
    monkeypatch.setattr(live.backend, "lock_timeout", 0.1)
    holder = whoosh_index.open_dir(str(live.backend.directory)).writer()
    try:
        with real_session(live.app) as session:
            save(people_of(live), standard_id, dining_with("bloqueada"))
            session.commit()
        assert live.pending() == 1
    finally:
        holder.cancel()
    with live.app.app_context():
        assert drain_outbox() == 1
    assert live.standard_ids("bloqueada") == [standard_id]


def test_a_drain_that_found_the_index_busy_is_retried_in_the_background(live, monkeypatch):
    standard_id = new_standard(live)
    monkeypatch.setitem(live.app.config, "SEARCH_BACKGROUND_WORK", True)
    monkeypatch.setattr(live.backend, "lock_timeout", 0.1)
    monkeypatch.setattr(outbox, "RETRY_DELAYS", (0.1,) * 100)
    holder = whoosh_index.open_dir(str(live.backend.directory)).writer()
    try:
        with real_session(live.app) as session:
            save(people_of(live), standard_id, dining_with("reintentada"))
            session.commit()
        time.sleep(0.5)  # several retries, all finding the lock held
        assert live.pending() == 1
    finally:
        holder.cancel()
    live.app.extensions["search_retry"].wait(30)
    assert live.pending() == 0
    assert live.standard_ids("reintentada") == [standard_id]


def test_a_failing_index_never_fails_a_save(live, monkeypatch, caplog):
    standard_id = new_standard(live)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(live.backend, "index_loaded", broken)
        with real_session(live.app) as session:
            save(people_of(live), standard_id, dining_with("discolleno"))
            session.commit()
    assert "the rows stay" in caplog.text
    assert live.pending() == 1
    with live.app.app_context():
        drain_outbox()
    assert live.standard_ids("discolleno") == [standard_id]


def run_worker(live: Live, **options) -> subprocess.CompletedProcess:
    options = {"url": live.url, "instance": str(live.instance), **options}
    return subprocess.run(
        [sys.executable, "-m", "tests.search.save_worker", json.dumps(options)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


@pytest.mark.slow
def test_work_of_a_worker_killed_while_indexing_is_done_at_start_up(live):
    standard_id = new_standard(live)
    done = run_worker(
        live,
        user_id=live.people["chair"],
        standard_ids=[standard_id],
        saves=1,
        marker="asesinado",
        die_while_indexing=True,
    )
    assert done.returncode == 3, done.stderr
    assert live.pending() == 1
    assert live.standard_ids("asesinado*") == []
    maintenance.maintain(live.app)
    assert live.pending() == 0
    assert live.standard_ids("asesinado*") == [standard_id]


def test_a_missing_index_is_rebuilt_at_start_up(live):
    standard_id = new_standard(live, dining_with("reconstruida"))
    shutil.rmtree(live.backend.directory)
    with pytest.raises(IndexIncomplete):  # not "0 results"
        live.standard_ids("reconstruida")
    maintenance.maintain(live.app)
    assert live.backend.is_usable()
    assert live.standard_ids("reconstruida") == [standard_id]


def test_a_damaged_index_is_rebuilt_at_start_up(live):
    standard_id = new_standard(live, dining_with("reparada"))
    for path in live.backend.directory.iterdir():
        if path.suffix in (".toc", ".seg"):
            path.write_bytes(b"\x00damaged")
    assert not live.backend.is_usable()
    maintenance.maintain(live.app)
    assert live.backend.is_usable()
    assert live.standard_ids("reparada") == [standard_id]


def test_maintenance_starts_once_per_process_at_the_first_request(live, monkeypatch):
    started = []
    monkeypatch.setattr(maintenance, "maintain_in_background", started.append)
    app = Flask("probe")
    maintenance.start_once_per_process(app)
    app.add_url_rule("/", "home", lambda: "ok")
    client = app.test_client()
    client.get("/")
    client.get("/")
    assert started == [app]


def run_cli(live: Live, *args: str):
    # The test's own app context (of the main test app) would otherwise be the one used.
    with live.app.app_context():
        return live.app.test_cli_runner().invoke(args=["search", *args])


def test_check_reports_drift_reindex_repairs_it(live):
    standard_id = new_standard(live)
    live.backend.remove([standard_id])
    checked = run_cli(live, "check")
    assert checked.exit_code == 1
    assert f"draft-{standard_id}" in checked.output
    assert "Missing: 1" in checked.output
    rebuilt = run_cli(live, "reindex")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Indexed" in rebuilt.output
    clean = run_cli(live, "check")
    assert clean.exit_code == 0
    assert "matches the database" in clean.output


def test_check_finds_a_stale_document(live):
    standard_id = new_standard(live)
    with real_session(live.app) as session:
        people = people_of(live)
        publish(standard_id, people)
        session.commit()
    assert live.check().clean
    with real_session(live.app) as session:
        # An edit that bypasses the ORM (and so the outbox) leaves the index stale.
        session.connection().execute(
            update(Edition.__table__)
            .where(Edition.standard_id == standard_id)
            .values(published_at=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
        )
        session.commit()
    drift = live.check()
    assert drift.stale and not drift.missing
    assert run_cli(live, "check").exit_code == 1
    with live.app.app_context():
        maintenance.rebuild_index(live.backend)
    assert live.check().clean


def test_public_sees_a_published_standard_after_commit(live):
    standard_id = new_standard(live, dining_with("publicada"))
    with real_session(live.app) as session:
        publish(standard_id, people_of(live))
        session.commit()
    assert live.standard_ids("publicada", PUBLIC_ONLY) == [standard_id]
