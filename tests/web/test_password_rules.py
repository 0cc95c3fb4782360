"""Every place a password is chosen refuses guessable ones; log-in rehashes old hashes."""

import re

import pytest

from tests.conftest import dispose_app, make_app
from tests.factories import PASSWORD, UserFactory
from wiki.accounts import passwords
from wiki.accounts.models import User
from wiki.accounts.operations import create_user
from wiki.errors import InvalidInput
from wiki.extensions import db
from wiki.roles import StakeholderGroup


def _change(client, new):
    return client.post(
        "/account/password", data={"current_password": PASSWORD, "password": new, "confirm": new}
    )


def test_a_repeated_letter_is_refused_with_the_reason(client, login):
    user = UserFactory()
    login(user)
    old_hash = user.password_hash
    response = _change(client, "aaaaaaaaaa")
    assert response.status_code == 400
    assert "repetition or a sequence" in response.text
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_a_password_made_of_ones_own_name_is_refused(client, login):
    login(UserFactory(display_name="Rosa Ibarra", email="rosa.ibarra@ejemplo.mx"))
    response = _change(client, "RosaIbarra1985!")
    assert response.status_code == 400
    assert "built from your name or email address" in response.text


def test_the_reason_is_shown_in_spanish(client, login):
    login(UserFactory(locale="es"))
    response = _change(client, "password123")
    assert response.status_code == 400
    assert "es una de las más comunes" in response.text


def test_a_good_password_is_accepted(client, login):
    login(UserFactory())
    assert _change(client, "mapache río lámpara").status_code == 302


def test_an_invitation_refuses_a_common_password(app, client, login):
    from wiki.accounts.admin_views import invite_link

    admin = UserFactory(admin=True)
    invited = UserFactory(password_hash=None, display_name="Tomás Ruiz", email="tomas@ejemplo.mx")
    login(admin)
    with app.test_request_context():
        link = invite_link(invited)
    client.post("/logout")
    response = client.post(link, data={"password": "qwertyuiop", "confirm": "qwertyuiop"})
    assert response.status_code == 400
    assert "most common" in response.text
    db.session.refresh(invited)
    assert invited.password_hash is None


def test_the_command_line_refuses_a_password_built_from_the_email(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "marta.solis@ejemplo.mx", "--name", "Marta Solís",
              "--password", "marta.solis.2025"]
    )
    assert result.exit_code != 0
    assert "name or email address" in result.output
    assert db.session.query(User).count() == 0


def test_create_user_says_which_field_is_refused(db_session):
    with pytest.raises(InvalidInput) as refused:
        create_user(email="luis@ejemplo.mx", display_name="Luis", password="1234567890",
                    stakeholder_group=StakeholderGroup.UNION)
    assert refused.value.details["field"] == "password"


def test_log_in_rehashes_a_password_hashed_with_older_parameters(app, client, login, monkeypatch):
    user = UserFactory()
    old_hash = user.password_hash
    monkeypatch.setitem(app.config, "PASSWORD_HASH_PROFILE", "RFC_9106_LOW_MEMORY")
    login(user)
    db.session.refresh(user)
    assert user.password_hash != old_hash
    assert re.search(r"m=65536,t=3,p=4", user.password_hash)
    assert passwords.verify_password(user.password_hash, PASSWORD)
    assert not passwords.needs_rehash(user.password_hash)


def test_log_in_keeps_a_current_hash(client, login):
    user = UserFactory()
    old_hash = user.password_hash
    login(user)
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_each_app_hashes_with_its_own_profile(app, client, login, tmp_path, db_kind):
    # Another app made in the same process (a tool, a test) must not change how this one
    # hashes: its users' current hashes would all look old and be rehashed at every log-in.
    user = UserFactory()
    old_hash = user.password_hash
    other, database = make_app(db_kind, tmp_path, PASSWORD_HASH_PROFILE="RFC_9106_LOW_MEMORY")
    dispose_app(other, database)
    login(user)
    db.session.refresh(user)
    assert user.password_hash == old_hash
