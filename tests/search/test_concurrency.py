"""Several worker processes saving at once into one Whoosh index: no save fails, none is lost."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import dispose_app, make_app
from tests.factories import full_committee
from tests.search.conftest import real_session
from tests.search.corpus import DINING, create
from wiki.search import maintenance
from wiki.search.outbox import pending_count
from wiki.search.results import find
from wiki.search.visibility import Visibility

WORKERS = 4
STANDARDS_PER_WORKER = 2
SAVES_PER_STANDARD = 3


@pytest.fixture(scope="module")
def shared(db_kind, tmp_path_factory):
    directory = tmp_path_factory.mktemp("concurrency")
    app, database = make_app(db_kind, directory)
    with real_session(app) as session:
        committee, people = full_committee(name="Comité de Turismo", sector="Turismo")
        standard_ids = [
            create(people, committee, f"Estándar {n}", "es", 2, DINING)
            for n in range(WORKERS * STANDARDS_PER_WORKER)
        ]
        session.commit()
        chair_id, committee_id = people["chair"].id, committee.id
    yield app, database, directory / "instance", chair_id, committee_id, standard_ids
    dispose_app(app, database)


@pytest.mark.slow
def test_workers_saving_at_once_never_fail_and_leave_the_index_complete(shared):
    app, database, instance, chair_id, committee_id, standard_ids = shared
    workers = []
    for n in range(WORKERS):
        mine = standard_ids[n * STANDARDS_PER_WORKER : (n + 1) * STANDARDS_PER_WORKER]
        options = {
            "url": database.url,
            "instance": str(instance),
            "user_id": chair_id,
            "standard_ids": mine,
            "saves": SAVES_PER_STANDARD,
            "marker": "concurrente",
        }
        workers.append(
            subprocess.Popen(
                [sys.executable, "-m", "tests.search.save_worker", json.dumps(options)],
                cwd=os.getcwd(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "PYTHONWARNINGS": "error"},
            )
        )
    outcomes = [(worker.wait(timeout=300), *worker.communicate()) for worker in workers]

    assert [code for code, _, _ in outcomes] == [0] * WORKERS, [err for _, _, err in outcomes]
    assert all(
        json.loads(out)["saved"] == STANDARDS_PER_WORKER * SAVES_PER_STANDARD
        for _, out, _ in outcomes
    )
    # Not one drain after a commit failed (a lock error would have been logged here).
    errors = [err for _, _, err in outcomes if "Traceback" in err or "failed" in err]
    assert errors == []
    with real_session(app) as session:
        assert pending_count(session) == 0
        page = find(
            "concurrente*",
            Visibility(frozenset({committee_id})),
            backend=app.extensions["search"],
            session=session,
            per_page=50,
        )
        assert {hit.standard_id for hit in page.results.hits} == set(standard_ids)
    with app.app_context():
        assert maintenance.check_index(app.extensions["search"]).clean
