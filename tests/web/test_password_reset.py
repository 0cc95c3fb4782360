"""“Forgot your password?”: a mailed, expiring, single-use link; the same answer for every
email; every session ended; requests and mail limited."""

import email
import email.policy
import re

import pytest
from sqlalchemy import select

from tests.client import logged_in_as
from tests.factories import PASSWORD, UserFactory
from wiki.audit.models import AuditEntry
from wiki.extensions import db
from wiki.notifications.delivery import wait_for_delivery

NEW_PASSWORD = "nueva clave de turismo"
RESET_LINK = re.compile(r"http://localhost(/password/reset/\S+)")


def ask_for_reset(client, address, remote="198.51.100.20"):
    return client.post(
        "/password/forgot", data={"email": address}, environ_base={"REMOTE_ADDR": remote}
    )


def page(response) -> str:
    """The page without its CSRF token, which is signed with the current second."""
    return re.sub(r'<meta name="csrf-token" content="[^"]*">', "", response.text)


def mailed(inbox) -> list[tuple[str, str]]:
    """(recipient, body) of every message the inbox received, once the mail worker is done."""
    assert wait_for_delivery(timeout=10)
    messages = [email.message_from_bytes(e.content, policy=email.policy.default) for e in inbox]
    return [(m["To"], m.get_content()) for m in messages]


def log_in(client, user, password):
    return client.post("/login", data={"email": user.email, "password": password})


def reset_link(inbox) -> str:
    [(_to, body)] = mailed(inbox)
    return RESET_LINK.search(body).group(1)


@pytest.fixture
def owner(db_session):
    return UserFactory(email="rosa.ibarra@turismo.mx", display_name="Rosa Ibarra")


def test_forgot_password_exists_only_when_mail_can_be_sent(app, client, monkeypatch):
    assert client.get("/password/forgot").status_code == 404
    assert "/password/forgot" not in client.get("/login").text
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    assert client.get("/password/forgot").status_code == 200
    assert 'href="/password/forgot"' in client.get("/login").text


def test_reset_link_sets_a_new_password_once_and_ends_every_session(app, client, owner, smtp_inbox):
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"email": owner.email, "password": PASSWORD})
    assert logged_in_as(elsewhere.get("/")) == "Rosa Ibarra"

    response = ask_for_reset(client, "Rosa.Ibarra@turismo.mx")
    assert response.status_code == 200 and "Check your email" in response.text
    link = reset_link(smtp_inbox.messages)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert logged_in_as(elsewhere.get("/")) is None
    assert (
        client.post("/login", data={"email": owner.email, "password": PASSWORD}).status_code == 401
    )
    assert (
        client.post("/login", data={"email": owner.email, "password": NEW_PASSWORD}).status_code
        == 302
    )
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "account.password_reset_by_link")
    )
    assert entry.actor_id == owner.id and entry.subject_id == owner.id
    used = app.test_client().get(link)
    assert used.status_code == 400 and "already been used" in used.text


def test_unknown_email_gets_the_same_page_and_no_mail(client, owner, smtp_inbox):
    known = ask_for_reset(client, owner.email)
    unknown = ask_for_reset(client, "nadie@turismo.mx")

    assert known.status_code == unknown.status_code == 200
    assert page(known).replace(owner.email, "EMAIL") == page(unknown).replace(
        "nadie@turismo.mx", "EMAIL"
    )
    assert [to for to, _body in mailed(smtp_inbox.messages)] == [owner.email]


@pytest.mark.parametrize("state", ["deactivated", "never chose a password"])
def test_accounts_that_cannot_log_in_get_no_link(client, smtp_inbox, state):
    user = UserFactory(**{"active": False} if state == "deactivated" else {"password_hash": None})
    assert ask_for_reset(client, user.email).status_code == 200
    assert mailed(smtp_inbox.messages) == []


def test_expired_link_says_how_to_get_a_new_one(client, owner, smtp_inbox, monkeypatch):
    from itsdangerous import TimestampSigner

    ask_for_reset(client, owner.email)
    link = reset_link(smtp_inbox.messages)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: 2**40)

    response = client.get(link)

    assert response.status_code == 400
    assert "Ask for a new one" in response.text and 'href="/password/forgot"' in response.text


def test_forged_link_is_refused(client, owner, smtp_inbox):
    ask_for_reset(client, owner.email)
    link = reset_link(smtp_inbox.messages)
    response = client.post(
        link[:-3] + "AAA", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 400
    assert (
        client.post("/login", data={"email": owner.email, "password": PASSWORD}).status_code == 302
    )


def test_a_short_password_is_refused_and_the_link_still_works(client, owner, smtp_inbox):
    ask_for_reset(client, owner.email)
    link = reset_link(smtp_inbox.messages)

    refused = client.post(link, data={"password": "corta", "confirm": "corta"})
    assert refused.status_code == 400 and "between 10 and 1024 characters" in refused.text

    accepted = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert accepted.status_code == 302


def test_reset_requests_are_limited_per_address(client, owner, smtp_inbox):
    for n in range(5):
        assert (
            ask_for_reset(client, f"persona{n}@turismo.mx", remote="203.0.113.7").status_code == 200
        )

    refused = ask_for_reset(client, owner.email, remote="203.0.113.7")

    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 900
    assert "Too many attempts" in refused.text and f'value="{owner.email}"' in refused.text
    assert ask_for_reset(client, owner.email).status_code == 200
    assert [to for to, _body in mailed(smtp_inbox.messages)] == [owner.email]


def test_one_mailbox_gets_at_most_three_messages_an_hour(client, owner, smtp_inbox):
    answers = [ask_for_reset(client, owner.email, remote=f"192.0.2.{n}") for n in range(1, 6)]

    assert {answer.status_code for answer in answers} == {200}
    assert len({page(answer) for answer in answers}) == 1
    assert len(mailed(smtp_inbox.messages)) == 3
