"""Index work goes into the outbox with the change, and a drain brings the index up to date.

These run inside the test's rolled-back transaction and drain explicitly; the real commit
hook is tested against a database of its own in ``test_commit_hooks``.
"""

import pytest
from sqlalchemy.orm import Session

from tests.factories import UserFactory, full_committee
from tests.search.corpus import DINING, create, dining_with, publish, save
from wiki.ballots import operations as ballots
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.publication.operations import withdraw_edition
from wiki.search.base import IndexBusy
from wiki.search.outbox import (
    SESSION_LISTENERS,
    drain_outbox,
    pending_count,
    register_listeners,
)
from wiki.search.results import find
from wiki.search.visibility import PUBLIC_ONLY, Visibility
from wiki.standards import operations as standards


@pytest.fixture
def committee():
    return full_committee(name="Comité de Turismo", sector="Turismo")


@pytest.fixture
def draft(committee):
    committee_, people = committee
    standard_id = create(people, committee_, "Atención a comensales", "es", 2, DINING)
    return standard_id


def hits(backend, text, visibility):
    page = find(text, visibility, backend=backend, session=db.session, per_page=50)
    return page.results.hits


def members(committee):
    return Visibility(frozenset({committee[0].id}))


def test_a_new_standard_waits_in_the_outbox_until_drained(db_session, backend, committee, draft):
    assert pending_count(db_session) >= 1
    assert hits(backend, "comensales", members(committee)) == []
    drain_outbox(db_session, backend)
    assert pending_count(db_session) == 0
    assert [hit.standard_id for hit in hits(backend, "comensales", members(committee))] == [draft]


def test_a_saved_revision_replaces_the_old_text(db_session, backend, committee, draft):
    drain_outbox(db_session, backend)
    save(committee[1], draft, DINING.replace("alérgenos", "ingredientes"))
    drain_outbox(db_session, backend)
    assert hits(backend, "alergenos", members(committee)) == []
    assert len(hits(backend, "ingredientes", members(committee))) == 1


def test_a_rolled_back_save_leaves_nothing_to_index(db_session, backend, committee, draft):
    drain_outbox(db_session, backend)
    nested = db_session.begin_nested()
    save(committee[1], draft, dining_with("nunquamvisto"))
    nested.rollback()
    assert pending_count(db_session) == 0
    drain_outbox(db_session, backend)
    assert hits(backend, "nunquamvisto", members(committee)) == []


def test_a_metadata_edit_without_an_event_is_indexed(db_session, backend, committee, draft):
    drain_outbox(db_session, backend)
    standards.update_metadata(
        actor_for_user(committee[1]["chair"]), draft, occupations="Mesero de banquetes"
    )
    assert pending_count(db_session) == 1
    drain_outbox(db_session, backend)
    assert len(hits(backend, "banquetes", members(committee))) == 1


def test_renaming_a_committee_reindexes_its_standards(db_session, backend, committee, draft):
    drain_outbox(db_session, backend)
    committee[0].name = "Comité Gastronómico"
    db_session.flush()
    drain_outbox(db_session, backend)
    found = hits(backend, "gastronomico", members(committee))
    assert [(hit.standard_id, hit.committee_name) for hit in found] == [
        (draft, "Comité Gastronómico")
    ]


def test_opening_a_ballot_changes_the_drafts_stage(db_session, backend, committee, draft):
    ballots.open_ballot(actor_for_user(committee[1]["chair"]), draft)
    drain_outbox(db_session, backend)
    (hit,) = hits(backend, "comensales", members(committee))
    assert (hit.status, hit.stage) == ("draft", "ballot")


def test_publication_turns_the_draft_into_a_public_edition(db_session, backend, committee, draft):
    publish(draft, committee[1])
    drain_outbox(db_session, backend)
    assert [hit.status for hit in hits(backend, "comensales", PUBLIC_ONLY)] == ["current"]
    assert [hit.status for hit in hits(backend, "comensales", members(committee))] == ["current"]
    save(committee[1], draft, DINING.replace("Nivel 2.", "Nivel 2, en revisión."))
    drain_outbox(db_session, backend)
    statuses = sorted(hit.status for hit in hits(backend, "comensales", members(committee)))
    assert statuses == ["current", "draft"]


def test_withdrawal_changes_the_editions_status(db_session, backend, committee, draft):
    edition = publish(draft, committee[1])
    drain_outbox(db_session, backend)
    withdraw_edition(actor_for_user(UserFactory(admin=True)), edition.id, "Sin demanda.")
    drain_outbox(db_session, backend)
    assert [hit.status for hit in hits(backend, "comensales", PUBLIC_ONLY)] == ["withdrawn"]


def test_a_failed_drain_keeps_the_rows_for_the_next_one(
    db_session, backend, committee, draft, monkeypatch
):
    waiting = pending_count(db_session)

    def locked(*args, **kwargs):
        raise IndexBusy("held by another process")

    with monkeypatch.context() as patch:
        # Whoosh's drain loads under the lock (``index_loaded``); PostgreSQL's calls ``index``.
        patch.setattr(backend, "index", locked)
        patch.setattr(backend, "index_loaded", locked, raising=False)
        with pytest.raises(IndexBusy):
            drain_outbox(db_session, backend)
    assert pending_count(db_session) == waiting
    assert drain_outbox(db_session, backend) == waiting
    assert len(hits(backend, "comensales", members(committee))) == 1


def test_a_commit_inside_an_outer_transaction_leaves_the_rows(db_session, backend, draft):
    db_session.commit()
    assert pending_count(db_session) >= 1


def test_every_app_registers_the_listeners_but_each_runs_once(app):
    # Each app's init_app registers them; SQLAlchemy would call a listener once per listen.
    register_listeners()
    register_listeners()
    session = Session()
    for name, listener in SESSION_LISTENERS:
        assert list(getattr(session.dispatch, name)).count(listener) == 1
