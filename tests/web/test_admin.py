"""Agency administration: the admin pages' permissions, invitations, deactivation and resets."""

import re
import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from tests.client import logged_in_as
from tests.factories import PASSWORD, UserFactory
from wiki.accounts.models import User
from wiki.audit.models import AuditEntry
from wiki.extensions import db

NEW_PASSWORD = "una clave nueva y larga"
ADMIN_PAGES = ["/admin", "/admin/users", "/admin/users/invite", "/admin/audit"]
LINK = re.compile(r'value="(http://localhost/invite/[^"]+)"')


@pytest.fixture
def admin(db_session):
    return UserFactory(admin=True, display_name="Administradora Ríos")


def invite(client, email="rosa.ibarra@ejemplo.mx", name="Rosa Ibarra"):
    return client.post(
        "/admin/users/invite",
        data={
            "email": email,
            "display_name": name,
            "stakeholder_group": "education",
            "locale": "es",
        },
    )


def link_in(response) -> str:
    match = LINK.search(response.text)
    assert match, response.text
    return match.group(1).replace("http://localhost", "")


def user_by_email(email) -> User:
    return db.session.scalar(select(User).where(User.email == email))


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_is_sent_to_login(client, db_session, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["chair", "union", "observer", "public"])
def test_non_admins_get_403_on_every_admin_page(client, login, committee, role):
    person = UserFactory(is_public=True) if role == "public" else committee.people[role]
    login(person)
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 403, url
    target = committee.people["union"]
    for action in ("deactivate", "reset"):
        assert client.post(f"/admin/users/{target.id}/{action}").status_code == 403
    db.session.refresh(target)
    assert target.active and target.password_hash
    assert "/admin" not in client.get("/").text


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_sees_every_admin_page(client, login, admin, url):
    login(admin)
    assert client.get(url).status_code == 200
    assert 'href="/admin"' in client.get("/").text


def test_invitation_end_to_end_without_mail_server(app, client, login, admin):
    login(admin)
    response = invite(client)
    assert response.status_code == 200
    assert "No mail server is set up" in response.text
    link = link_in(response)

    invitee = app.test_client()
    assert invitee.get(link).status_code == 200
    response = invitee.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert logged_in_as(invitee.get("/")) == "Rosa Ibarra"

    again = app.test_client().get(link)
    assert again.status_code == 400
    assert "already been used" in again.text

    invitee.post("/logout")
    response = invitee.post(
        "/login", data={"email": "rosa.ibarra@ejemplo.mx", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_expired_invitation_link_says_so(client, login, admin, monkeypatch):
    login(admin)
    link = link_in(invite(client))
    later = int(time.time()) + 73 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = client.get(link)
    assert response.status_code == 400
    assert "This link has expired" in response.text


def test_tampered_invitation_link_is_not_valid(client, login, admin):
    login(admin)
    link = link_in(invite(client))
    response = client.get(link[:-3] + "abc")
    assert response.status_code == 400
    assert "not valid" in response.text


def test_inviting_an_existing_email_says_so(client, login, admin):
    existing = UserFactory(email="lucia@ejemplo.mx")
    login(admin)
    response = invite(client, email="Lucia@Ejemplo.mx", name="Otra Lucía")
    assert response.status_code == 409
    assert "An account with the email lucia@ejemplo.mx already exists" in response.text
    assert "Send a new invitation" in response.text
    assert user_by_email("lucia@ejemplo.mx").display_name == existing.display_name


def test_inviting_an_invalid_email_says_so(client, login, admin):
    login(admin)
    response = invite(client, email="rosa(at)ejemplo")
    assert response.status_code == 400
    assert "rosa(at)ejemplo is not a valid email address" in response.text


def test_invitation_is_sent_by_mail_when_a_server_is_configured(client, login, admin, smtp_inbox):
    login(admin)
    response = invite(client)
    received = [envelope.content.decode() for envelope in smtp_inbox.messages]
    assert response.status_code == 302
    assert (
        "We sent the link to rosa.ibarra@ejemplo.mx"
        in client.get(response.headers["Location"]).text
    )
    [message] = received
    assert "To: rosa.ibarra@ejemplo.mx" in message
    assert re.search(r"http://localhost/invite/\S+", message)


def test_link_is_shown_when_the_mail_server_cannot_be_reached(
    app, client, login, admin, monkeypatch, refused_port
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", refused_port)
    login(admin)
    response = invite(client)
    assert response.status_code == 200
    assert "The email could not be sent" in response.text
    assert link_in(response)
    assert user_by_email("rosa.ibarra@ejemplo.mx") is not None


def test_deactivation_ends_the_session_and_every_right(app, client, login, admin, committee):
    chair = committee.people["chair"]
    chairs_browser = app.test_client()
    chairs_browser.post("/login", data={"email": chair.email, "password": PASSWORD})
    assert chairs_browser.get("/committees/turismo/members").status_code == 200

    login(admin)
    response = client.post(f"/admin/users/{chair.id}/deactivate")
    assert response.status_code == 302
    assert "was deactivated" in client.get(response.headers["Location"]).text

    response = chairs_browser.get("/committees/turismo/members")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    refused = app.test_client()
    assert (
        refused.post("/login", data={"email": chair.email, "password": PASSWORD}).status_code == 401
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.deactivated"))
    assert (entry.actor_id, entry.subject_id) == (admin.id, chair.id)
    assert (entry.before, entry.after) == ({"active": True}, {"active": False})


def test_reactivation_lets_the_person_log_in_again(app, client, login, admin):
    person = UserFactory(active=False)
    login(admin)
    assert client.post(f"/admin/users/{person.id}/reactivate").status_code == 302
    other = app.test_client()
    assert (
        other.post("/login", data={"email": person.email, "password": PASSWORD}).status_code == 302
    )


def test_admin_cannot_deactivate_their_own_account(client, login, admin):
    login(admin)
    response = client.post(f"/admin/users/{admin.id}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account" in response.text
    db.session.refresh(admin)
    assert admin.active


def test_password_reset_kills_the_old_password_and_issues_a_working_link(app, client, login, admin):
    person = UserFactory(display_name="Jesús Ávila")
    login(admin)
    response = client.post(f"/admin/users/{person.id}/reset")
    assert response.status_code == 200
    link = link_in(response)

    browser = app.test_client()
    assert (
        browser.post("/login", data={"email": person.email, "password": PASSWORD}).status_code
        == 401
    )
    assert browser.get(link).status_code == 200
    response = browser.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert logged_in_as(browser.get("/")) == "Jesús Ávila"
    assert app.test_client().get(link).status_code == 400


def test_reset_of_a_deactivated_account_is_refused_with_a_message(client, login, admin):
    person = UserFactory(active=False)
    login(admin)
    response = client.post(f"/admin/users/{person.id}/reset", follow_redirects=True)
    assert "Reactivate it before sending a new invitation" in response.text


def test_user_list_filters_by_text_and_state(client, login, admin):
    UserFactory(display_name="Graciela Muñoz", email="graciela@ejemplo.mx")
    UserFactory(display_name="Tomás Gil", active=False)
    login(admin)
    found = client.get("/admin/users?q=muñoz").text
    assert "Graciela Muñoz" in found and "Tomás Gil" not in found
    deactivated = client.get("/admin/users?state=deactivated").text
    assert "Tomás Gil" in deactivated and "Graciela Muñoz" not in deactivated
    assert "Graciela" not in client.get("/admin/users?q=%25").text


def test_admin_log_shows_account_changes_with_before_and_after(client, login, admin):
    person = UserFactory(display_name="Tomás Gil")
    login(admin)
    client.post(f"/admin/users/{person.id}/deactivate")
    log = client.get("/admin/audit?action=account.").text
    assert "Account deactivated" in log and "Tomás Gil" in log
    row = log[log.index("Account deactivated") :]
    row = row[: row.index("</tr>")]
    assert row.index("Active") < row.index("yes") < row.rindex("no")
