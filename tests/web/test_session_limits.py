"""Sessions end after 30 idle minutes and 12 hours, or 14 days with "remember me"; the clock is
moved by the test, never slept on."""

import pytest

from tests.client import logged_in_as
from tests.factories import PASSWORD, UserFactory
from wiki.accounts import sessions
from wiki.extensions import db

NEW = "otra clave segura"

MINUTE, HOUR, DAY = 60, 3600, 86400


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sessions, "clock", lambda: clock.now)
    return clock


@pytest.fixture
def user(db_session):
    return UserFactory(display_name="Lucía Hernández")


def test_thirty_idle_minutes_log_out_and_say_why(client, login, clock, user):
    login(user)
    clock.advance(29 * MINUTE)
    assert logged_in_as(client.get("/")) == user.display_name
    clock.advance(29 * MINUTE)  # 58 minutes after logging in, 29 after the last request
    assert logged_in_as(client.get("/")) == user.display_name
    clock.advance(30 * MINUTE)
    response = client.get("/committees?page=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/committees?page%3D1"
    page = client.get(response.headers["Location"])
    assert "after 30 minutes without activity" in page.text
    assert logged_in_as(client.get("/")) is None


def test_a_busy_session_ends_twelve_hours_after_logging_in(client, login, clock, user):
    login(user)
    for _ in range(35):
        clock.advance(20 * MINUTE)
        assert logged_in_as(client.get("/")) == user.display_name
    clock.advance(20 * MINUTE)  # 12 hours
    response = client.get("/")
    assert response.status_code == 302
    assert "Your session has ended" in client.get(response.headers["Location"]).text
    assert logged_in_as(client.get("/")) is None


def test_a_form_posted_after_the_session_ended_is_not_applied(client, login, clock, user):
    login(user)
    token = client.csrf_token()
    password_hash = user.password_hash
    clock.advance(31 * MINUTE)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "password": NEW, "confirm": NEW, "csrf_token": token,
    })
    assert response.status_code == 401
    assert "after 30 minutes without activity" in response.text
    assert PASSWORD not in response.text and NEW not in response.text  # never shown back
    db.session.refresh(user)
    assert user.password_hash == password_hash
    assert logged_in_as(client.get("/")) is None


def test_the_text_of_a_form_sent_after_the_session_ended_is_shown_back(
    client, login, clock, user, standard
):
    login(user)
    token = client.csrf_token()
    clock.advance(31 * MINUTE)
    typed = "## Propósito\n\nAtiende al huésped <script>alert(1)</script> con cortesía."
    response = client.post(
        f"/standards/{standard.id}/edit",
        data={"body": typed, "summary": "Ajusta el propósito", "csrf_token": token},
        headers={"Referer": f"http://localhost/standards/{standard.id}/edit"},
    )
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Atiende al huésped &lt;script&gt;alert(1)&lt;/script&gt; con cortesía." in page
    assert "Ajusta el propósito" in page
    assert "<script>alert(1)" not in page
    assert f'href="/login?next=/standards/{standard.id}/edit"' in page
    assert token not in page


def test_remember_me_survives_idle_time_and_a_closed_browser_until_fourteen_days(
    client, login, clock, user
):
    login(user, remember=True)
    clock.advance(3 * HOUR)
    assert logged_in_as(client.get("/")) == user.display_name
    client.delete_cookie("session")  # the browser was closed
    clock.advance(10 * DAY)
    assert logged_in_as(client.get("/")) == user.display_name
    clock.advance(4 * DAY - 4 * HOUR)  # 13 days 23 hours after logging in
    assert logged_in_as(client.get("/")) == user.display_name
    clock.advance(HOUR)  # 14 days after logging in
    assert client.get("/").status_code == 302
    assert client.get_cookie("remember_token") is None
    assert logged_in_as(client.get("/")) is None


def test_a_remember_cookie_is_refused_fourteen_days_after_logging_in(
    app, login, client, clock, user
):
    login(user, remember=True)
    captured = client.get_cookie("remember_token").value
    clock.advance(14 * DAY)
    # The cookie's own expiry is the browser's business; a copied cookie has none.
    thief = app.test_client()
    thief.set_cookie("remember_token", captured)
    assert logged_in_as(thief.get("/")) is None
    clock.advance(-HOUR)  # the same cookie an hour earlier still worked
    earlier = app.test_client()
    earlier.set_cookie("remember_token", captured)
    assert logged_in_as(earlier.get("/")) == user.display_name


def test_the_limits_are_settings(app, client, login, clock, user, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 5)
    monkeypatch.setitem(app.config, "SESSION_MAX_HOURS", 1)
    login(user)
    clock.advance(4 * MINUTE)
    assert logged_in_as(client.get("/")) == user.display_name
    clock.advance(5 * MINUTE)
    assert logged_in_as(client.get("/", follow_redirects=True)) is None
    login(user)
    for _ in range(15):
        clock.advance(4 * MINUTE)
        client.get("/")
    assert logged_in_as(client.get("/", follow_redirects=True)) is None


def test_the_session_cookie_is_not_rewritten_on_every_request(client, login, clock, user):
    login(user)
    client.get("/")  # shows the welcome message, which changes the session
    rewritten = []
    for _ in range(10):
        clock.advance(10)
        rewritten.append("session=" in client.get("/").headers.get("Set-Cookie", ""))
    assert rewritten.count(True) == 1  # the request a minute after the last write


def test_the_log_in_form_states_the_remembered_days_from_the_setting(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REMEMBER_DAYS", 7)
    assert "Keep me logged in on this device (7 days)" in client.get("/login?lang=en").text
    assert "(7 días)" in client.get("/login?lang=es").text


def test_the_idle_message_counts_one_minute_in_the_singular(
    app, client, login, clock, user, monkeypatch
):
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 1)
    login(user)
    clock.advance(2 * MINUTE)
    response = client.get("/?lang=en")
    assert "after 1 minute without activity" in client.get(response.headers["Location"]).text
