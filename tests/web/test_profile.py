"""Profiles, one's own account settings, and public registration."""

import logging
import re

import pytest
from sqlalchemy import select

from tests.client import logged_in_as
from tests.factories import PASSWORD, UserFactory
from tests.standard_factories import create_standard
from wiki.accounts.models import User
from wiki.ballots import operations as ballots
from wiki.committees.actors import actor_for_user
from wiki.extensions import db

NEW_PASSWORD = "una clave nueva y larga"
CONFIRM_LINK = re.compile(r"http://localhost(/register/confirm/\S+)")


@pytest.fixture
def work(committee):
    """A draft by the union member, and that member's vote on it."""
    author = committee.people["union"]
    standard = create_standard(author, committee, title="Atención a comensales en restaurantes")
    ballot = ballots.open_ballot(actor_for_user(committee.people["chair"]), standard.id)
    ballots.cast_position(actor_for_user(author), ballot.id, "approve")
    db.session.flush()
    return standard


def test_profile_needs_login(client, committee):
    response = client.get(f"/users/{committee.people['chair'].id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_profile_shows_committees_revisions_and_votes_to_a_fellow_member(
    client, login, committee, work
):
    login(committee.people["chair"])
    author = committee.people["union"]
    text = client.get(f"/users/{author.id}").text
    assert author.display_name in text
    assert "Comité de Turismo" in text and "representing Unions" in text
    assert "Atención a comensales en restaurantes, revision 1" in text
    assert "Approve" in text


def test_profile_hides_drafts_and_votes_from_outsiders(client, login, committee, work):
    login(UserFactory())
    text = client.get(f"/users/{committee.people['union'].id}").text
    assert "Comité de Turismo" in text
    assert "Atención a comensales" not in text
    assert "No revisions you can see" in text and "No votes you can see" in text


def test_deactivated_person_keeps_their_name_on_past_work(client, login, committee, work):
    author = committee.people["union"]
    author.active = False
    db.session.flush()
    login(committee.people["chair"])
    history = client.get(f"/standards/{work.id}/history").text
    assert author.display_name in history
    profile = client.get(f"/users/{author.id}").text
    assert "This account is deactivated" in profile
    assert "Atención a comensales en restaurantes, revision 1" in profile and "Approve" in profile
    assert author.display_name not in client.get("/committees/turismo").text


def test_public_accounts_profile_is_visible_to_its_owner_and_admins_only(
    app, client, login, committee
):
    citizen = UserFactory(is_public=True, display_name="Ciudadana Pérez")
    login(committee.people["chair"])
    assert client.get(f"/users/{citizen.id}").status_code == 404
    admin_client = app.test_client()
    admin_client.post("/login", data={"email": UserFactory(admin=True).email, "password": PASSWORD})
    assert admin_client.get(f"/users/{citizen.id}").status_code == 200
    own = app.test_client()
    own.post("/login", data={"email": citizen.email, "password": PASSWORD})
    assert "Ciudadana Pérez" in own.get(f"/users/{citizen.id}").text


def test_own_name_and_language_can_be_changed(client, login, db_session):
    person = UserFactory(display_name="Luis Peña", locale="es")
    login(person)
    response = client.post("/account", data={"display_name": "Luis Peña Ortiz", "locale": "en"})
    assert response.status_code == 302
    page = client.get("/account")
    assert '<html lang="en">' in page.text
    assert logged_in_as(page) == "Luis Peña Ortiz"


def test_empty_display_name_is_refused_with_a_message(client, login, db_session):
    person = UserFactory(display_name="Luis Peña")
    login(person)
    response = client.post("/account", data={"display_name": "   ", "locale": "es"})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    db.session.refresh(person)
    assert person.display_name == "Luis Peña"


def test_account_page_needs_login(client, db_session):
    assert "/login" in client.get("/account").headers["Location"]


def test_registration_is_off_by_default(client, db_session):
    assert client.get("/register").status_code == 404
    assert client.post("/register", data={"email": "a@ejemplo.mx"}).status_code == 404
    assert client.get("/register/confirm/anything").status_code == 404
    assert "/register" not in client.get("/login").text


@pytest.fixture
def registration_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_REGISTRATION", True)


def register(client, email="marta.sol@ejemplo.mx", name="Marta Sol"):
    return client.post(
        "/register", data={"email": email, "display_name": name, "stakeholder_group": "education"}
    )


def mailed_link(caplog) -> str:
    match = CONFIRM_LINK.search(caplog.text)
    assert match, caplog.text
    return match.group(1)


def test_public_registration_end_to_end(app, client, committee, registration_on, caplog):
    caplog.set_level(logging.INFO, logger="wiki.mail")
    assert 'href="/register"' in client.get("/login").text
    response = register(client)
    assert response.status_code == 200
    assert "Check your email" in response.text and "marta.sol@ejemplo.mx" in response.text
    user = db.session.scalar(select(User).where(User.email == "marta.sol@ejemplo.mx"))
    assert user.is_public and user.password_hash is None
    refused = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
    assert refused.status_code == 401

    link = mailed_link(caplog)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert logged_in_as(client.get("/")) == "Marta Sol"

    assert client.get("/committees/turismo/members").status_code == 403
    assert client.get("/admin").status_code == 403
    assert client.get("/committees/turismo").status_code == 200

    again = app.test_client().get(link)
    assert again.status_code == 400
    assert "already been used" in again.text


def test_expired_confirmation_link_says_so(
    client, db_session, registration_on, caplog, monkeypatch
):
    from itsdangerous import TimestampSigner

    caplog.set_level(logging.INFO, logger="wiki.mail")
    register(client)
    link = mailed_link(caplog)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: 2**40)
    response = client.get(link)
    assert response.status_code == 400
    assert "Register again with the same email" in response.text


def test_registering_a_taken_email_gives_the_same_page_and_mails_the_owner(
    client, committee, registration_on, caplog
):
    caplog.set_level(logging.INFO, logger="wiki.mail")
    member = committee.people["union"]
    response = register(client, email=member.email.upper(), name="Impostor")
    assert response.status_code == 200 and "Check your email" in response.text
    assert "you already have an account" in caplog.text
    assert not CONFIRM_LINK.search(caplog.text)
    db.session.refresh(member)
    assert not member.is_public and member.display_name != "Impostor"


def test_registration_with_an_invalid_email_says_why(client, db_session, registration_on):
    response = register(client, email="marta(at)ejemplo")
    assert response.status_code == 400
    assert "is not a valid email address" in response.text
