"""Editions due for review: who sees them, and the committee notified once per edition."""

import datetime as dt

from sqlalchemy import func, select

from tests.ballot_factories import actor, new_revision, published
from tests.factories import seats
from wiki import events
from wiki.audit.models import AuditEntry
from wiki.extensions import db
from wiki.publication.operations import withdraw_edition
from wiki.reviews.models import ReviewNotice
from wiki.reviews.operations import notify_due_reviews
from wiki.reviews.queries import editions_due, editions_due_for

TODAY = dt.date(2031, 6, 1)


def _published_on(edition, day: dt.date, gazette: dt.date | None = None):
    edition.published_at = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    edition.gazette_published_on = gazette
    db.session.flush()
    return edition


def test_an_edition_past_its_review_period_is_due(s):
    _, edition = published(s)
    _published_on(edition, dt.date(2028, 5, 31))  # three years before TODAY, and a day
    due = editions_due(TODAY)
    assert [(d.edition.id, d.due_on, d.notified_at) for d in due] == [
        (edition.id, dt.date(2031, 5, 31), None)
    ]


def test_the_gazette_date_moves_the_review_date(s):
    _, edition = published(s)
    _published_on(edition, dt.date(2028, 5, 1), gazette=dt.date(2028, 7, 1))
    assert editions_due(TODAY) == []
    assert [d.due_on for d in editions_due(dt.date(2031, 7, 1))] == [dt.date(2031, 7, 1)]


def test_superseded_and_withdrawn_editions_are_not_due(s):
    standard, first = published(s)
    _published_on(first, dt.date(2020, 1, 1))
    new_revision(s, standard)
    _, second = published(s, standard)
    _published_on(second, dt.date(2020, 6, 1))
    assert [d.edition.id for d in editions_due(TODAY)] == [second.id]
    withdraw_edition(actor(s.admin), second.id, "Ya no se certifica esta función.")
    assert editions_due(TODAY) == []


def test_members_see_their_committees_editions_and_admins_see_all(s):
    other = seats()
    _, mine = published(s, title="Del comité")
    _, theirs = published(other, title="De otro comité")
    for edition in (mine, theirs):
        _published_on(edition, dt.date(2020, 1, 1))
    assert [d.edition.id for d in editions_due_for(actor(s.observer), TODAY)] == [mine.id]
    assert {d.edition.id for d in editions_due_for(actor(s.admin), TODAY)} == {mine.id, theirs.id}
    assert editions_due_for(actor(s.outsider), TODAY) == []


def test_the_committee_is_notified_once_per_edition(s):
    standard, edition = published(s)
    _published_on(edition, dt.date(2020, 1, 1))
    heard = []

    def listener(sender, edition, due_on, **_):
        heard.append((sender.id, edition.id, due_on))

    with events.review_due.connected_to(listener):
        first = notify_due_reviews(TODAY)
        second = notify_due_reviews(TODAY)
    assert [d.edition.id for d in first] == [edition.id]
    assert second == []
    assert heard == [(standard.id, edition.id, dt.date(2023, 1, 1))]
    assert db.session.scalar(select(func.count()).select_from(ReviewNotice)) == 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edition.review_due"))
    assert entry.actor_id is None
    assert entry.after == {"edition": edition.code, "due_on": "2023-01-01"}
    assert editions_due(TODAY)[0].notified_at is not None


def test_the_notify_command_reports_what_it_sent(app, s):
    _, edition = published(s)
    _published_on(edition, dt.date(2020, 1, 1))
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reviews", "notify", "--today", "2031-06-01"])
    assert result.exit_code == 0, result.output
    assert f"{edition.code} is due for review since 2023-01-01." in result.output
    again = runner.invoke(args=["reviews", "notify", "--today", "2031-06-01"])
    assert "0 edition(s) newly due for review." in again.output
