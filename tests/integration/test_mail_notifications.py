"""Notification email through a real SMTP server the tests start: sent only after the change
commits, never for a rolled-back one, and a mail server that is down or hung never fails or
delays a save."""

import logging
import time
from email import message_from_bytes, policy

import pytest

from tests.client import logged_in_as
from tests.comment_factories import actor, comment, new_standard
from wiki.comments.models import Thread
from wiki.extensions import db
from wiki.notifications import delivery, operations
from wiki.notifications.kinds import NotificationKind as K
from wiki.notifications.models import Notification


@pytest.fixture
def inbox(app, monkeypatch, smtp_inbox):
    monkeypatch.setitem(app.config, "MAIL_SENDER", "wiki@agencia.example")
    yield smtp_inbox
    delivery.wait_for_delivery(timeout=10)


def _wait_for(inbox, count, timeout=5.0):
    assert delivery.wait_for_delivery(timeout=timeout)
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return inbox.messages


def test_email_is_sent_only_after_the_transaction_commits(inbox, p):
    standard = new_standard(p.union, p.committee)
    operations.watch(actor(p.chair), standard.id)
    thread = comment(p.education, standard, "¿Qué significa «disponibilidad»?")
    assert len(delivery.pending_mail(db.session())) == 2  # the chair and the author, watchers
    assert delivery.wait_for_delivery(timeout=5)
    assert inbox.messages == []
    db.session.commit()
    messages = _wait_for(inbox, 2)
    assert sorted(m.rcpt_tos[0] for m in messages) == sorted([p.chair.email, p.union.email])
    text = messages[0].content.decode()
    assert "From: wiki@agencia.example" in text
    assert f"/threads/{thread.id}" in text
    assert "Atenci" in text  # the standard's title, whatever the transfer encoding
    assert delivery.pending_mail(db.session()) == []


def test_each_email_is_in_its_recipients_language(inbox, p):
    standard = new_standard(p.union, p.committee)
    operations.watch(actor(p.chair), standard.id)
    p.chair.locale = "es"
    comment(p.education, standard)
    db.session.commit()
    bodies = {
        m.rcpt_tos[0]: message_from_bytes(m.content, policy=policy.default).get_body().get_content()
        for m in _wait_for(inbox, 2)
    }
    assert bodies[p.union.email].startswith(f"Hello {p.union.display_name},")
    assert "started discussion 1" in bodies[p.union.email]
    assert (
        "Hello" not in bodies[p.chair.email] and "started discussion" not in bodies[p.chair.email]
    )


def test_a_rolled_back_change_sends_no_email(inbox, p):
    standard = new_standard(p.union, p.committee)
    db.session.commit()
    _wait_for(inbox, 0)
    comment(p.education, standard)
    assert delivery.pending_mail(db.session())
    db.session.rollback()
    assert delivery.pending_mail(db.session()) == []
    db.session.commit()
    assert delivery.wait_for_delivery(timeout=5)
    assert inbox.messages == []


def test_people_who_turned_email_off_get_none(inbox, p):
    standard = new_standard(p.union, p.committee)
    operations.set_email_preference(actor(p.union), False)
    comment(p.education, standard)
    assert notifications_for(p.union) == [K.THREAD_STARTED]
    db.session.commit()
    assert delivery.wait_for_delivery(timeout=5)
    assert inbox.messages == []


def notifications_for(user):
    return [n.kind for n in db.session.query(Notification).filter_by(user_id=user.id)]


def test_mail_is_off_unless_a_server_is_configured(app, p, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    standard = new_standard(p.union, p.committee)
    comment(p.education, standard)
    assert delivery.pending_mail(db.session()) == []
    assert delivery.dispatch([delivery.OutgoingMail("a@b.mx", "s", "b")]) is None


def test_mail_server_down_never_fails_a_save(
    app, client, login, p, monkeypatch, caplog, refused_port
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", refused_port)
    standard = new_standard(p.union, p.committee)
    db.session.commit()
    login(p.education)
    caplog.set_level(logging.WARNING, logger="wiki.notifications.delivery")
    response = client.post(
        f"/standards/{standard.id}/threads",
        data={"revision": "1", "part": "", "body": "Comentario con el correo caído."},
    )
    assert response.status_code == 302
    assert delivery.wait_for_delivery(timeout=10)
    thread = db.session.query(Thread).filter_by(standard_id=standard.id).one()
    assert thread.root.body_markdown == "Comentario con el correo caído."
    assert notifications_for(p.union) == [K.THREAD_STARTED]
    assert any("Notification email not sent" in r.getMessage() for r in caplog.records)
    assert logged_in_as(client.get(f"/threads/{thread.id}")) == p.education.display_name


def test_a_hung_mail_server_does_not_delay_the_response(
    app, client, login, p, monkeypatch, loopback_socket
):
    listener = loopback_socket
    listener.listen(5)  # accepts connections into its backlog, never answers
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", listener.getsockname()[1])
    try:
        standard = new_standard(p.union, p.committee)
        db.session.commit()
        login(p.education)
        started = time.monotonic()
        response = client.post(
            f"/standards/{standard.id}/threads",
            data={"revision": "1", "part": "", "body": "El servidor de correo no responde."},
        )
        elapsed = time.monotonic() - started
        assert response.status_code == 302
        assert elapsed < 2, f"the response waited {elapsed:.1f}s for the mail server"
        assert not delivery.wait_for_delivery(timeout=0.2)  # the worker is still waiting
    finally:
        listener.close()  # the worker's connection is reset and it gives up
    assert delivery.wait_for_delivery(timeout=15)
