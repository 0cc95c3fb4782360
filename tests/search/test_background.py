"""A server's Whoosh index (``SEARCH_BACKGROUND_WORK``): saves and searches one after the
other while child processes merge segments; every save is found by the search after it."""

import pytest
from whoosh import index as whoosh_index

from tests.conftest import dispose_app, make_app
from tests.factories import full_committee
from tests.search.conftest import real_session
from tests.search.corpus import DINING, create, dining_with, save
from wiki.accounts.models import User
from wiki.search.outbox import pending_count
from wiki.search.results import find
from wiki.search.visibility import Visibility
from wiki.search.whoosh_internals import list_segments
from wiki.search.whoosh_segments import MERGE_FACTOR, segment_sizes, segments_to_merge

SAVES = 4 * MERGE_FACTOR


@pytest.fixture
def server_app(db_kind, tmp_path):
    app, database = make_app(db_kind, tmp_path, SEARCH_BACKGROUND_WORK=True)
    yield app
    app.extensions["search"].wait_for_merges(timeout=60)
    dispose_app(app, database)


@pytest.mark.slow
def test_each_save_is_found_right_after_it_while_segments_merge(server_app):
    backend = server_app.extensions["search"]
    assert backend.merge_in_background
    with real_session(server_app) as session:
        committee, people = full_committee(name="Comité de Turismo", sector="Turismo")
        standard_ids = [
            create(people, committee, f"Servicio {n}", "es", 2, DINING) for n in range(3)
        ]
        session.commit()
        chair_id, members = people["chair"].id, Visibility(frozenset({committee.id}))
    for n in range(SAVES):
        standard_id = standard_ids[n % len(standard_ids)]
        with real_session(server_app) as session:
            chair = session.get(User, chair_id)
            save({"chair": chair}, standard_id, dining_with(f"rondafondo{n}x"))
            session.commit()
            page = find(f"rondafondo{n}x", members, backend=backend, session=session)
            assert [hit.standard_id for hit in page.results.hits] == [standard_id], n
            assert pending_count(session) == 0
    backend.wait_for_merges(timeout=60)
    segments = list_segments(whoosh_index.open_dir(str(backend.directory)))
    # Merged in the background, including what was written while a merge ran: no merge is
    # left due, so far fewer segments than the saves that wrote one each.
    assert segments_to_merge(segment_sizes(segments)) == []
    assert len(segments) < SAVES // 2
    with real_session(server_app) as session:
        page = find("rondafondo*", members, backend=backend, session=session, per_page=50)
        assert sorted(hit.standard_id for hit in page.results.hits) == sorted(standard_ids)
