"""``record_change``: one call files the entry under the subject's committee and standard."""

import pytest

from tests.ballot_factories import actor, draft, open_on, published
from tests.comment_factories import comment
from tests.factories import UserFactory
from wiki.audit.operations import record_change
from wiki.extensions import db


def _stored(entry) -> tuple:
    db.session.flush()
    db.session.expire(entry)
    return (
        entry.action,
        entry.actor_id,
        entry.subject_type,
        entry.subject_id,
        entry.committee_id,
        entry.standard_id,
        entry.before,
        entry.after,
        entry.reason,
    )


def test_the_entry_holds_actor_subject_place_before_after_and_reason(s):
    ballot = open_on(s, draft(s))
    entry = record_change(
        actor(s.chair), "ballot.checked", ballot,
        before={"status": "open"}, after={"status": "closed"}, reason="Por qué",
    )
    assert _stored(entry) == (
        "ballot.checked",
        s.chair.id,
        "ballot",
        ballot.id,
        s.committee.id,
        ballot.standard_id,
        {"status": "open"},
        {"status": "closed"},
        "Por qué",
    )


@pytest.mark.parametrize(
    "subject_of, subject_type, filed_under_standard",
    [
        (lambda s, standard, edition, thread: standard, "standard", True),
        (lambda s, standard, edition, thread: edition, "edition", True),
        (lambda s, standard, edition, thread: thread, "thread", True),
        (lambda s, standard, edition, thread: thread.comments[0], "comment", True),
        (lambda s, standard, edition, thread: s.committee, "committee", False),
    ],
)
def test_each_subject_is_filed_under_its_committee_and_standard(
    s, subject_of, subject_type, filed_under_standard
):
    standard, edition = published(s)
    thread = comment(s.union, standard)
    subject = subject_of(s, standard, edition, thread)
    entry = record_change(s.chair.id, "thing.checked", subject)
    assert _stored(entry)[1:6] == (
        s.chair.id,
        subject_type,
        subject.id,
        s.committee.id,
        standard.id if filed_under_standard else None,
    )


def test_an_account_belongs_to_no_committee_unless_the_change_is_to_its_seat(s):
    person = UserFactory()
    alone = record_change(None, "account.checked", person, after={"x": 1})
    seat = record_change(actor(s.chair), "membership.checked", person, committee_id=s.committee.id)
    assert _stored(alone) == (
        "account.checked", None, "user", person.id, None, None, None, {"x": 1}, ""
    )
    assert _stored(seat)[1:6] == (s.chair.id, "user", person.id, s.committee.id, None)
