"""Fixtures for the page tests."""

import pytest


@pytest.fixture
def as_user(client, login):
    """``as_user(user)`` logs the test client out, then in as ``user`` (``None``: stay out)."""

    def switch(user):
        client.post("/logout")
        if user is not None:
            login(user)

    return switch
