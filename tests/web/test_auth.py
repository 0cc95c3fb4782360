"""Logging in and out, session revocation, remember-me and CSRF."""

import datetime as dt

from tests.client import logged_in_as
from tests.factories import PASSWORD, UserFactory
from wiki.extensions import db

NEW = "otra clave segura"


def test_login_page_renders_with_csrf_token(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'name="csrf_token"' in response.text


def test_login_with_right_password_starts_session(client, login):
    user = UserFactory(display_name="Lucía Hernández")
    login(user)
    assert logged_in_as(client.get("/")) == "Lucía Hernández"


def test_login_email_is_case_insensitive(client):
    user = UserFactory(email="rosa.ibarra@ejemplo.mx")
    response = client.post("/login", data={"email": "Rosa.IBARRA@ejemplo.mx", "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in_as(client.get("/")) == user.display_name


def test_wrong_password_is_refused_with_message(client):
    user = UserFactory()
    response = client.post("/login", data={"email": user.email, "password": "not the password"})
    assert response.status_code == 401
    assert "not correct" in response.text
    assert user.display_name not in response.text


def test_unknown_email_gets_the_same_answer_as_wrong_password(client):
    response = client.post("/login", data={"email": "nadie@ejemplo.mx", "password": PASSWORD})
    assert response.status_code == 401
    assert "not correct" in response.text


def test_deactivated_user_cannot_log_in(client):
    user = UserFactory(active=False)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 401


def test_post_without_csrf_token_is_rejected(client):
    user = UserFactory()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert client.get_cookie("remember_token") is None
    assert logged_in_as(client.get("/")) is None


def test_post_with_forged_csrf_token_is_rejected(client):
    user = UserFactory()
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 400


def test_cookie_captured_before_logout_stops_working(client, login):
    user = UserFactory()
    login(user)
    captured = client.get_cookie("session").value
    assert logged_in_as(client.get("/")) == user.display_name
    assert client.post("/logout").status_code == 302
    client.set_cookie("session", captured)
    assert logged_in_as(client.get("/")) is None


def test_remember_cookie_expires_within_14_days_and_dies_at_logout(client, login):
    user = UserFactory()
    login(user, remember=True)
    remember = client.get_cookie("remember_token")
    assert remember is not None
    lifetime = remember.expires - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=13) < lifetime <= dt.timedelta(days=14)
    captured = remember.value
    client.post("/logout")
    client.delete_cookie("session")
    client.set_cookie("remember_token", captured)
    assert logged_in_as(client.get("/")) is None


def test_session_is_renewed_at_login(client):
    user = UserFactory()
    client.get("/login")
    before = client.get_cookie("session").value
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert client.get_cookie("session").value != before


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, login):
    user = UserFactory()
    login(user)
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    assert logged_in_as(other.get("/")) == user.display_name
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW, "confirm": NEW},
    )
    assert response.status_code == 302
    assert logged_in_as(client.get("/")) == user.display_name
    assert logged_in_as(other.get("/")) is None


def test_password_change_with_wrong_current_password_changes_nothing(client, login):
    user = UserFactory()
    login(user)
    old_hash = user.password_hash
    response = client.post(
        "/account/password",
        data={"current_password": "wrong one!", "password": NEW, "confirm": NEW},
    )
    assert response.status_code == 400
    assert "not correct" in response.text
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_open_redirect_through_next_is_refused(client):
    user = UserFactory()
    response = client.post(
        "/login?next=//evil.example/x", data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_logout_requires_post(client, login):
    login(UserFactory())
    assert client.get("/logout").status_code == 405
