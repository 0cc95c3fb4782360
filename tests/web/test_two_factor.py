"""Two-step verification: enrolling from the account page, the code after the password,
recovery codes, throttling of the second step, and administrators who must use it."""

import datetime as dt
import re

import pyotp
import pytest
from sqlalchemy import select

from tests.client import logged_in_as
from tests.factories import PASSWORD, UserFactory
from wiki.accounts import totp, two_factor
from wiki.accounts.models import RecoveryCode, SignInChallenge
from wiki.audit.models import AuditEntry
from wiki.extensions import db


def code(user, offset=0):
    """The app's code for the user, ``offset`` steps from now."""
    return pyotp.TOTP(user.totp_secret).at(dt.datetime.now(dt.UTC), counter_offset=offset)


def enrolled(**fields):
    """A user with two-step verification on; returns (user, recovery codes)."""
    user = UserFactory(**fields)
    two_factor.start_enrolment(user)
    codes = two_factor.confirm_enrolment(user, code(user, -1))
    db.session.commit()
    return user, codes


def password_step(client, user, next_path=""):
    return client.post(
        "/login" + (f"?next={next_path}" if next_path else ""),
        data={"email": user.email, "password": PASSWORD},
    )


def actions(user):
    return db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.subject_id == user.id,
                                        AuditEntry.subject_type == "user")
    ).all()


def test_enrolment_turns_on_with_a_code_and_shows_ten_recovery_codes_once(client, login):
    user = UserFactory()
    login(user)
    assert client.post("/account/two-step/start").headers["Location"] == "/account/two-step/set-up"
    page = client.get("/account/two-step/set-up")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "<svg viewBox=" in page.text and "style=" not in page.text.split("<svg")[1][:3000]
    db.session.refresh(user)
    assert " ".join(re.findall(".{1,4}", user.totp_secret)) in page.text

    wrong = client.post("/account/two-step/set-up", data={"code": "000000"})
    assert wrong.status_code == 400 and "not correct" in wrong.text
    db.session.refresh(user)
    assert not user.has_two_factor

    shown = client.post("/account/two-step/set-up", data={"code": code(user)})
    assert shown.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", shown.text)
    assert len(set(codes)) == 10
    db.session.refresh(user)
    assert user.has_two_factor
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(
        RecoveryCode.user_id == user.id)).all()
    assert sorted(stored) == sorted(totp.recovery_code_hash(c) for c in codes)
    assert "account.two_factor_enabled" in actions(user)
    assert client.get("/account/two-step/set-up").headers["Location"] == "/account/two-step"


def test_the_password_alone_does_not_sign_in_an_enrolled_user(client):
    user, _codes = enrolled(display_name="Lucía Hernández")
    response = password_step(client, user, next_path="/committees")
    assert response.headers["Location"] == "/login/code"
    assert logged_in_as(client.get("/")) is None
    response = client.post("/login/code", data={"code": code(user, 1)})
    assert response.headers["Location"] == "/committees"
    assert logged_in_as(client.get("/")) == "Lucía Hernández"


def test_a_code_already_used_is_refused_the_next_time(client):
    user, _codes = enrolled()
    password_step(client, user)
    used = code(user, 1)
    client.post("/login/code", data={"code": used})
    client.post("/logout")
    password_step(client, user)
    response = client.post("/login/code", data={"code": used})
    assert response.status_code == 401
    assert logged_in_as(client.get("/")) is None


def test_a_recovery_code_signs_in_once_and_is_recorded(client):
    user, codes = enrolled()
    password_step(client, user)
    response = client.post("/login/code", data={"code": codes[3].upper()}, follow_redirects=True)
    assert logged_in_as(response) == user.display_name
    assert "9 are left" in response.text
    assert "account.recovery_code_used" in actions(user)
    client.post("/logout")
    password_step(client, user)
    assert client.post("/login/code", data={"code": codes[3]}).status_code == 401


def test_five_wrong_codes_discard_the_pending_sign_in(client):
    user, _codes = enrolled()
    password_step(client, user)
    for _ in range(two_factor.MAX_CODE_FAILURES - 1):
        assert client.post("/login/code", data={"code": "000000"}).status_code == 401
    last = client.post("/login/code", data={"code": "000000"})
    assert last.headers["Location"] == "/login"
    assert client.post("/login/code", data={"code": code(user, 1)}).headers["Location"] == "/login"
    assert logged_in_as(client.get("/")) is None
    assert db.session.scalars(select(SignInChallenge)).all() == []


def test_starting_again_with_the_password_gains_no_more_guesses(client):
    # The pending sign-in allows MAX_CODE_FAILURES; the named limit "second_factor" counts
    # wrong codes for the account from this address across pending sign-ins.
    user, _codes = enrolled()
    password_step(client, user)
    for _ in range(two_factor.MAX_CODE_FAILURES):
        client.post("/login/code", data={"code": "000000"})
    password_step(client, user)
    refused = client.post("/login/code", data={"code": code(user, 1)})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert logged_in_as(client.get("/")) is None


def test_replaying_an_older_session_cookie_gains_no_attempts(client):
    user, _codes = enrolled()
    password_step(client, user)
    fresh = client.get_cookie("session").value
    for _ in range(two_factor.MAX_CODE_FAILURES - 1):
        client.post("/login/code", data={"code": "000000"})
    client.set_cookie("session", fresh)
    assert client.post("/login/code", data={"code": "000000"}).headers["Location"] == "/login"
    client.set_cookie("session", fresh)
    # the pending sign-in is gone, and the account's wrong codes from here are used up too
    assert client.post("/login/code", data={"code": code(user, 1)}).status_code == 429
    assert db.session.scalars(select(SignInChallenge)).all() == []
    assert logged_in_as(client.get("/")) is None


def test_the_second_step_expires_after_five_minutes(client):
    user, _codes = enrolled()
    password_step(client, user)
    challenge = db.session.scalar(select(SignInChallenge))
    challenge.created_at -= two_factor.CHALLENGE_LIFETIME + dt.timedelta(seconds=1)
    db.session.commit()
    assert client.post("/login/code", data={"code": code(user, 1)}).headers["Location"] == "/login"
    assert logged_in_as(client.get("/")) is None


def test_the_code_page_without_a_password_first_sends_to_log_in(client):
    assert client.get("/login/code").headers["Location"] == "/login"
    assert client.post("/login/code", data={"code": "123456"}).headers["Location"] == "/login"


def test_turning_off_needs_the_password_or_a_code(client, login):
    user, _codes = enrolled()
    password_step(client, user)
    client.post("/login/code", data={"code": code(user, 1)})
    refused = client.post("/account/two-step/disable", data={"proof_to_turn_off": "not it"})
    assert refused.status_code == 400
    db.session.refresh(user)
    assert user.has_two_factor
    response = client.post("/account/two-step/disable", data={"proof_to_turn_off": PASSWORD})
    assert response.headers["Location"] == "/account/two-step"
    db.session.refresh(user)
    assert not user.has_two_factor and user.totp_secret is None
    left = select(RecoveryCode).where(RecoveryCode.user_id == user.id)
    assert db.session.scalars(left).all() == []
    assert "account.two_factor_disabled" in actions(user)


def test_new_recovery_codes_replace_the_old_ones(client):
    user, old = enrolled()
    password_step(client, user)
    client.post("/login/code", data={"code": code(user, 1)})
    response = client.post("/account/two-step/recovery-codes", data={"proof_for_codes": PASSWORD})
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", response.text)
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/logout")
    password_step(client, user)
    assert client.post("/login/code", data={"code": old[0]}).status_code == 401
    assert client.post("/login/code", data={"code": new[0]}).status_code == 302


@pytest.fixture
def required(app, monkeypatch):
    monkeypatch.setitem(app.config, "REQUIRE_TWO_FACTOR_FOR_ADMINS", True)


def test_an_administrator_must_enrol_before_any_other_page(client, login, required):
    admin = UserFactory(admin=True)
    login(admin)
    for path in ("/admin", "/", "/account"):
        assert client.get(path).headers["Location"] == "/account/two-step", path
    assert "must set it up" in client.get("/account/two-step").text
    client.post("/account/two-step/start")
    db.session.refresh(admin)
    client.post("/account/two-step/set-up", data={"code": code(admin)})
    assert client.get("/admin").status_code == 200


def test_the_requirement_leaves_other_people_alone(client, login, required):
    login(UserFactory())
    assert client.get("/account").status_code == 200


def test_password_change_elsewhere_ends_a_pending_sign_in(app, client):
    user, _codes = enrolled()
    password_step(client, user)
    from wiki.accounts.operations import end_all_sessions

    end_all_sessions(user)
    db.session.commit()
    assert client.post("/login/code", data={"code": code(user, 1)}).headers["Location"] == "/login"


def test_the_command_line_turns_it_off_for_someone_who_lost_everything(app):
    user, _codes = enrolled(email="lost.phone@ejemplo.mx")
    result = app.test_cli_runner().invoke(
        args=["users", "reset-two-factor", "lost.phone@ejemplo.mx"]
    )
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert not user.has_two_factor
    assert "account.two_factor_reset" in actions(user)


def test_administrators_see_whether_an_account_uses_it(client, login):
    user, _codes = enrolled()
    login(UserFactory(admin=True))
    page = client.get(f"/admin/users/{user.id}").text
    assert re.search(r"Two-step verification</dt><dd>on</dd>", page)
