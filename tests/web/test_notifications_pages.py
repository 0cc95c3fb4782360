"""The unread count in the header, the notifications page, watch buttons and "my work"."""

import re

from tests.client import logged_in_as
from tests.comment_factories import (
    actor,
    comment,
    new_standard,
    notifications_of,
    open_ballot,
)
from wiki.extensions import db
from wiki.notifications import queries
from wiki.notifications.models import NotificationPreference


def _unread_badge(page: str) -> str | None:
    match = re.search(r'class="nav-notifications">[^<]*<span class="badge-count">(\d+)', page)
    return match.group(1) if match else None


def test_header_shows_the_unread_count_and_mark_all_read_clears_it(client, login, p, standard):
    comment(p.education, standard, "Uno.")
    comment(p.education, standard, "Dos.")
    db.session.commit()
    login(p.union)
    page = client.get("/").text
    assert _unread_badge(page) == "2"
    assert 'href="/my-work"' in page
    listing = client.get("/notifications").text
    assert "started discussion 1" in listing and 'href="/threads/' in listing
    assert client.post("/notifications/read").status_code == 302
    assert _unread_badge(client.get("/").text) is None


def test_marking_one_read_leaves_the_others(client, login, p, standard):
    comment(p.education, standard, "Uno.")
    comment(p.education, standard, "Dos.")
    db.session.commit()
    first = notifications_of(p.union)[0]
    login(p.union)
    response = client.post(f"/notifications/{first.id}/read", data={"next": "/notifications"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/notifications")
    assert _unread_badge(client.get("/").text) == "1"


def test_nobody_marks_another_persons_notification(client, login, p, standard):
    comment(p.education, standard)
    db.session.commit()
    note = notifications_of(p.union)[0]
    login(p.chair)
    assert client.post(f"/notifications/{note.id}/read").status_code == 404
    db.session.refresh(note)
    assert note.read_at is None


def test_notification_pages_need_a_log_in(client):
    response = client.get("/notifications")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/my-work").status_code == 302


def test_watch_and_unwatch_from_the_standard_page(client, login, p, standard):
    login(p.observer)
    page = client.get(f"/standards/{standard.id}").text
    assert "Watch this standard" in page
    assert client.post(f"/standards/{standard.id}/watch").status_code == 302
    assert queries.is_watching(p.observer.id, standard.id)
    assert "Stop watching" in client.get(f"/standards/{standard.id}").text
    assert client.post(f"/standards/{standard.id}/unwatch").status_code == 302
    assert not queries.is_watching(p.observer.id, standard.id)


def test_outsiders_cannot_watch_a_draft(client, login, p, standard):
    login(p.outsider)
    assert client.post(f"/standards/{standard.id}/watch").status_code == 404
    assert not queries.is_watching(p.outsider.id, standard.id)


def test_email_preference_is_saved(app, client, login, p, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "mail.invalid")
    login(p.union)
    assert "Also send me my notifications by email" in client.get("/notifications").text
    assert client.post("/notifications/email", data={}).status_code == 302
    assert db.session.get(NotificationPreference, p.union.id).email is False
    client.post("/notifications/email", data={"email": "y"})
    db.session.expire_all()
    assert db.session.get(NotificationPreference, p.union.id).email is True


def test_my_work_shows_votes_mentions_and_dispositions(client, login, p, standard):
    comment(p.union, standard, f"@[{p.chair.display_name}], ¿qué opinas?")
    ballot_standard = new_standard(p.union, p.committee, title="Cobro de cuentas")
    ballot = open_ballot(p, ballot_standard)
    db.session.commit()
    login(p.chair)
    page = client.get("/my-work").text
    assert logged_in_as(page) == p.chair.display_name
    assert "Ballots waiting for your vote" in page and "Cobro de cuentas" in page
    assert f"/ballots/{ballot.id}" in page or f"/standards/{ballot_standard.id}" in page
    assert "Discussions that mention you" in page
    assert "Waiting for your disposition" in page
    client.post("/logout")
    login(p.observer)
    page = client.get("/my-work").text
    assert "Ballots waiting for your vote" not in page
    assert "Nothing is waiting for you" in page
    assert actor(p.observer).is_member(p.committee.id)
