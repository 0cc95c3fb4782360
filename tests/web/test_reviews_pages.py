"""The due-for-review list: members see their committees' editions, admins all, others none."""

import datetime as dt

import pytest

from tests.ballot_factories import published
from tests.factories import seats
from wiki.extensions import db


@pytest.fixture
def due_editions():
    mine, other = seats(), seats()
    _, edition = published(mine, title="Atención a comensales")
    _, elsewhere = published(other, title="Soldadura por arco eléctrico")
    for e in (edition, elsewhere):
        e.published_at = dt.datetime(2019, 1, 10, tzinfo=dt.UTC)
    db.session.commit()
    return mine, edition, elsewhere


def test_members_see_their_committees_editions_due(client, login, due_editions):
    s, edition, elsewhere = due_editions
    login(s.union)
    page = client.get("/reviews")
    assert page.status_code == 200
    assert edition.code in page.text and "Atención a comensales" in page.text
    assert elsewhere.code not in page.text
    assert 'href="/reviews"' in client.get("/").text


def test_admins_see_every_committees_editions_due(client, login, due_editions):
    s, edition, elsewhere = due_editions
    login(s.admin)
    page = client.get("/reviews").text
    assert edition.code in page and elsewhere.code in page


def test_people_without_a_committee_may_not_see_the_list(client, login, due_editions):
    s, edition, _ = due_editions
    login(s.outsider)
    response = client.get("/reviews")
    assert response.status_code == 403
    assert edition.code not in response.text
    assert 'href="/reviews"' not in client.get("/").text


def test_the_list_needs_a_login(client, due_editions):
    response = client.get("/reviews")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_registry_page_shows_the_review_date(client, due_editions):
    _, edition, _ = due_editions
    page = client.get(f"/ec/{edition.code}?lang=en").text
    assert "Due for review" in page
    assert "January 10, 2022" in page
