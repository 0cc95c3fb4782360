"""Failed log-ins are limited per (account, address) and per address, and cost no hash once
limited; an attacker elsewhere cannot lock a chair out (``wiki/accounts/throttling.py``)."""

import re

import pytest

from tests.client import logged_in_as
from tests.factories import PASSWORD, UserFactory
from wiki.accounts import passwords

ATTACKER = "203.0.113.7"
CHAIR_AT_HOME = "198.51.100.20"
#: the test settings keep config.py's limits: 10 failures per (account, address), 30 per address
PER_ACCOUNT_ADDRESS = 10
PER_ADDRESS = 30


class CountingHasher:
    """The app's argon2 hasher, counting the hashes it computes (a verify is one hash)."""

    def __init__(self, hasher):
        self.hasher = hasher
        self.hashes = 0

    def hash(self, password):
        self.hashes += 1
        return self.hasher.hash(password)

    def verify(self, password_hash, password):
        self.hashes += 1
        return self.hasher.verify(password_hash, password)

    def check_needs_rehash(self, password_hash):
        return self.hasher.check_needs_rehash(password_hash)


@pytest.fixture
def hasher(monkeypatch):
    counting = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", counting)
    return counting


def log_in(client, email, password, address=ATTACKER):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def summary(response) -> str:
    """The error summary's text: what the person is told."""
    match = re.search(r'<div class="error-summary".*?</div>', response.text, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip() if match else ""


def test_forty_wrong_passwords_then_the_right_one_is_refused_after_ten(
    client, hasher, record_property
):
    chair = UserFactory(email="presidenta@turismo.mx")
    statuses = [log_in(client, chair.email, f"intento {n:02d}").status_code for n in range(40)]
    right = log_in(client, chair.email, PASSWORD)

    assert statuses == [401] * PER_ACCOUNT_ADDRESS + [429] * (40 - PER_ACCOUNT_ADDRESS)
    assert right.status_code == 429
    assert logged_in_as(right) is None
    assert hasher.hashes == PER_ACCOUNT_ADDRESS
    assert 0 < int(right.headers["Retry-After"]) <= 300
    record_property(
        "figure",
        f"40 wrong then right: first 429 at attempt {statuses.index(429) + 1}; "
        f"{hasher.hashes} argon2 hashes for 41 attempts ({41 - hasher.hashes} avoided)",
    )


def test_unknown_email_is_refused_with_the_same_answer(client, hasher):
    chair = UserFactory(email="presidenta@turismo.mx")
    answers = {}
    for email in (chair.email, "nadie@turismo.mx"):
        for n in range(PER_ACCOUNT_ADDRESS):
            assert log_in(client, email, f"intento {n}").status_code == 401
        answers[email] = log_in(client, email, "otro intento")
    known, unknown = answers.values()

    assert known.status_code == unknown.status_code == 429
    assert summary(known) == summary(unknown)
    assert "Too many failed log-ins" in summary(known)
    assert "Retry-After" in known.headers and "Retry-After" in unknown.headers
    assert hasher.hashes == 2 * PER_ACCOUNT_ADDRESS


def test_attacker_cannot_lock_the_chair_out_from_another_address(client):
    chair = UserFactory(email="presidenta@turismo.mx", display_name="Rosa Ibarra")
    for n in range(PER_ADDRESS + 10):
        log_in(client, chair.email, f"adivinanza {n}")
    assert log_in(client, chair.email, PASSWORD).status_code == 429

    response = log_in(client, chair.email, PASSWORD, address=CHAIR_AT_HOME)

    assert response.status_code == 302
    assert logged_in_as(client.get("/")) == "Rosa Ibarra"


def test_one_address_trying_many_accounts_is_stopped_for_every_account(client):
    victim = UserFactory(email="tesorero@turismo.mx")
    for n in range(PER_ADDRESS):
        assert log_in(client, f"persona{n}@turismo.mx", "clave común 2024").status_code == 401

    assert log_in(client, victim.email, PASSWORD).status_code == 429
    assert log_in(client, victim.email, PASSWORD, address=CHAIR_AT_HOME).status_code == 302


def test_successful_log_in_forgets_that_addresses_failures_for_the_account(client):
    user = UserFactory()
    for _ in range(2):
        for n in range(PER_ACCOUNT_ADDRESS - 1):
            assert log_in(client, user.email, f"mal {n}").status_code == 401
        assert log_in(client, user.email, PASSWORD).status_code == 302
        client.post("/logout", environ_base={"REMOTE_ADDR": ATTACKER})


def test_refused_log_in_page_keeps_the_email_and_speaks_spanish(client):
    user = UserFactory(email="rosa.ibarra@turismo.mx")
    for n in range(PER_ACCOUNT_ADDRESS):
        log_in(client, user.email, f"mal {n}")

    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"Accept-Language": "es"},
        environ_base={"REMOTE_ADDR": ATTACKER},
    )

    assert response.status_code == 429
    assert "Demasiados inicios de sesión fallidos" in summary(response)
    assert 'value="rosa.ibarra@turismo.mx"' in response.text
    assert PASSWORD not in response.text
