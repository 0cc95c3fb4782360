"""Links that leave the request (mail, commands) start with PUBLIC_BASE_URL, never with the
request's Host, and a request naming a host the wiki does not answer to is refused."""

import logging

import pytest
from sqlalchemy import select

from tests.comment_factories import comment, new_standard
from tests.factories import UserFactory
from wiki.accounts.models import User
from wiki.extensions import db
from wiki.http.links import public_url
from wiki.notifications.messages import compose_email
from wiki.notifications.models import Notification

PUBLIC = "https://estandares.agencia.example"
REGISTRATION = {"email": "marta.sol@ejemplo.mx", "display_name": "Marta Sol",
                "stakeholder_group": "education"}


@pytest.fixture
def registration_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_REGISTRATION", True)


@pytest.fixture
def public_address(app, monkeypatch):
    """The wiki's public address differs from the test client's host (still allowed)."""
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", PUBLIC)


def _registered() -> User | None:
    return db.session.scalar(select(User).where(User.email == REGISTRATION["email"]))


def test_registration_sent_to_a_forged_host_is_refused_and_mails_nothing(
    client, registration_on, caplog
):
    caplog.set_level(logging.INFO, logger="wiki.mail")
    # A valid session and token, sent to the wiki's own address with a forged Host header.
    token = client.csrf_token()
    client.set_cookie("session", client.get_cookie("session").value, domain="evil.example")
    response = client.post(
        "/register", data={**REGISTRATION, "csrf_token": token}, headers={"Host": "evil.example"}
    )
    assert response.status_code == 400
    assert "does not answer to the address" in response.text
    assert "evil.example" not in caplog.text and "confirm" not in caplog.text
    assert _registered() is None


def test_a_forged_host_gets_a_page_not_a_server_error(client, db_session):
    for host in ("evil.example", "localhost.evil.example", "evil.example:80@localhost"):
        response = client.get("/registry", headers={"Host": host})
        assert response.status_code == 400, host
        assert "does not answer to the address" in response.text


def test_public_host_and_allowed_hosts_are_served_on_any_port(app, client, db_session):
    assert app.config["WIKI_ALLOWED_HOST_NAMES"] == ["localhost", "127.0.0.1"]
    for host in ("localhost", "localhost:5000", "127.0.0.1:8123", "LOCALHOST"):
        assert client.get("/registry", headers={"Host": host}).status_code == 200, host


def test_registration_mail_links_start_with_the_public_address(
    client, registration_on, public_address, caplog
):
    caplog.set_level(logging.INFO, logger="wiki.mail")
    assert client.post("/register", data=REGISTRATION).status_code == 200
    assert f"{PUBLIC}/register/confirm/" in caplog.text
    assert "http://localhost" not in caplog.text


def test_invitation_link_starts_with_the_public_address(client, login, public_address):
    login(UserFactory(admin=True))
    response = client.post(
        "/admin/users/invite",
        data={"email": "nuevo@ejemplo.mx", "display_name": "Raúl Nava",
              "stakeholder_group": "union", "locale": "es"},
    )
    assert response.status_code == 200, response.status_code
    assert f'value="{PUBLIC}/invite/' in response.text


def test_notification_mail_built_outside_a_request_links_to_the_public_address(
    app, p, public_address
):
    standard = new_standard(p.union, p.committee)
    thread = comment(p.education, standard, "¿Qué significa «disponibilidad»?")
    db.session.flush()
    notification = db.session.scalars(
        select(Notification).where(Notification.thread_id == thread.id)
    ).first()
    body = compose_email(notification).body
    assert f"{PUBLIC}/threads/{thread.id}" in body
    assert f"{PUBLIC}/notifications" in body


def test_links_are_built_under_a_base_address_with_a_path(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://agencia.example/wiki")
    assert public_url("registry.edition", code="EC0217.01") == (
        "https://agencia.example/wiki/ec/EC0217.01"
    )
    assert public_url("registry.edition", external=False, code="EC0217.01") == "/wiki/ec/EC0217.01"
    assert public_url("comments.thread", thread_id=3, _anchor="comment-9").endswith(
        "/wiki/threads/3#comment-9"
    )
