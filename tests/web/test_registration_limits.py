"""Public registration is limited per address, and its mail per recipient."""

import pytest

from tests.web.test_password_reset import page

ATTACKER = "203.0.113.7"


@pytest.fixture
def registration_on(app, monkeypatch, db_session):
    monkeypatch.setitem(app.config, "PUBLIC_REGISTRATION", True)


def register(client, email, remote=ATTACKER):
    return client.post(
        "/register",
        data={"email": email, "display_name": "Marta Sol", "stakeholder_group": "education"},
        environ_base={"REMOTE_ADDR": remote},
    )


def test_registrations_are_limited_per_address(client, registration_on):
    for n in range(5):
        assert register(client, f"marta{n}@ejemplo.mx").status_code == 200

    refused = register(client, "marta.sol@ejemplo.mx")

    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 3600
    assert "Too many attempts" in refused.text
    assert 'value="marta.sol@ejemplo.mx"' in refused.text
    assert register(client, "marta.sol@ejemplo.mx", remote="198.51.100.20").status_code == 200


def test_one_mailbox_gets_at_most_three_registration_messages(client, registration_on, smtp_inbox):
    answers = [register(client, "marta.sol@ejemplo.mx", remote=f"192.0.2.{n}") for n in range(5)]

    assert {answer.status_code for answer in answers} == {200}
    assert len({page(answer) for answer in answers}) == 1
    assert len(smtp_inbox.messages) == 3
