"""A save renders its text before it locks the standard, and again only if the head moved.

Issue 14: a save rendered inside the standard's lock (on SQLite, inside ``BEGIN IMMEDIATE``),
so a slow render held every other writer, a log-in included, until "database is locked".
"""

import pytest
from sqlalchemy import select

from tests.factories import full_committee
from tests.standard_factories import SPANISH_BODY, create_standard, save
from wiki.comments.models import Thread
from wiki.comments.operations import texts
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.standards import operations
from wiki.standards.models import Revision


@pytest.fixture
def events(monkeypatch):
    """What a save did, in order: "render" for each rendering, "lock" for the standard's lock."""
    happened: list[str] = []
    render, lock = operations.render_markdown, operations.lock_standard

    def counting_render(*args, **kwargs):
        happened.append("render")
        return render(*args, **kwargs)

    def recording_lock(*args, **kwargs):
        happened.append("lock")
        return lock(*args, **kwargs)

    monkeypatch.setattr(operations, "render_markdown", counting_render)
    monkeypatch.setattr(operations, "lock_standard", recording_lock)
    return happened


@pytest.fixture
def people():
    committee, people = full_committee()
    people["committee"] = committee
    return people


def _edit(client, standard, body):
    return client.post(
        f"/standards/{standard.id}/edit",
        data={"base_number": "1", "title": standard.title, "body": body, "summary": ""},
    )


def test_a_save_renders_once_before_the_lock_when_the_head_stays(client, login, people, events):
    standard = create_standard(people["chair"], people["committee"])
    login(people["union"])
    events.clear()
    response = _edit(client, standard, SPANISH_BODY + "\nPárrafo nuevo del taller.\n")
    assert response.status_code == 302
    assert events == ["render", "lock"]
    db.session.refresh(standard)
    head = db.session.get(Revision, standard.head_revision_id)
    assert head.number == 2
    assert "<p>Párrafo nuevo del taller.</p>" in head.body_html


def test_a_save_renders_again_after_the_lock_when_the_head_moved(people, events):
    standard = create_standard(people["chair"], people["committee"])
    union = actor_for_user(people["union"])
    mine = SPANISH_BODY.replace("con amabilidad", "con calidez")
    prepared = operations.prepare_save(
        union, standard.id, base_number=1, title=standard.title, body=mine
    )
    save(people["chair"], standard, SPANISH_BODY + "\nNota de la presidencia.\n")
    events.clear()
    result = operations.save_revision(
        union, standard.id, base_number=1, title=standard.title, body=mine, prepared=prepared
    )
    assert events == ["lock", "render"]
    assert result.merged_with == 2
    assert "calidez" in result.revision.body_html
    assert "Nota de la presidencia." in result.revision.body_html


def test_an_unchanged_save_renders_nothing(people, events):
    standard = create_standard(people["chair"], people["committee"])
    events.clear()
    result = save(people["union"], standard, SPANISH_BODY)
    assert result.unchanged
    assert events == ["lock"]


def test_a_restore_renders_once_before_the_lock_when_the_head_stays(
    client, login, people, events
):
    standard = create_standard(people["chair"], people["committee"])
    save(people["chair"], standard, SPANISH_BODY + "\nNota de la presidencia.\n")
    login(people["union"])
    client.get(f"/standards/{standard.id}/revisions/1")
    events.clear()
    response = client.post(
        f"/standards/{standard.id}/revisions/1/restore", data={"base_number": "2"}
    )
    assert response.status_code == 302
    assert events == ["render", "lock"]
    db.session.refresh(standard)
    head = db.session.get(Revision, standard.head_revision_id)
    assert (head.number, head.restored_from_number) == (3, 1)
    assert "Nota de la presidencia." not in head.body_html


@pytest.fixture
def comment_events(monkeypatch):
    """What storing a comment did, in order: "render" for each rendering, "lock" for each lock."""
    happened: list[str] = []
    render, lock_row, lock_standard = texts.render_comment, texts.lock_row, texts.lock_standard

    def recording(name, function):
        def wrapper(*args, **kwargs):
            happened.append(name)
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(texts, "render_comment", recording("render", render))
    monkeypatch.setattr(texts, "lock_row", recording("lock", lock_row))
    monkeypatch.setattr(texts, "lock_standard", recording("lock", lock_standard))
    return happened


def test_a_comment_renders_once_before_the_lock(client, login, people, comment_events):
    standard = create_standard(people["chair"], people["committee"])
    login(people["union"])
    comment_events.clear()
    response = client.post(
        f"/standards/{standard.id}/threads",
        data={"revision": "1", "part": "", "body": "Propongo *aclarar* el criterio."},
    )
    assert response.status_code == 302
    assert comment_events == ["render", "lock"]
    thread = db.session.scalars(select(Thread).where(Thread.standard_id == standard.id)).one()
    comment_events.clear()
    response = client.post(f"/threads/{thread.id}/replies", data={"body": "De *acuerdo*."})
    assert response.status_code == 302
    assert comment_events == ["render", "lock"]
    assert "<em>acuerdo</em>" in thread.comments[-1].body_html


def test_a_comment_renders_again_when_its_mentions_read_differently(people, comment_events):
    standard = create_standard(people["chair"], people["committee"])
    union = actor_for_user(people["union"])
    thread = texts.start_thread(union, standard.id, revision_number=1, part_id=None, body="Uno.")
    stale = texts.PreparedText("Dos.", "<p>Uno.</p>", frozenset(), marked="Uno.")
    comment_events.clear()
    reply = texts.reply(union, thread.id, "Dos.", prepared=stale)
    assert comment_events == ["lock", "render"]
    assert reply.body_html == "<p>Dos.</p>"
