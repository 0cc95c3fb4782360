"""Rules the database itself enforces, whatever the Python code does."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.factories import CommitteeFactory, MembershipFactory, UserFactory, full_committee
from tests.standard_factories import create_standard
from wiki.extensions import db
from wiki.publication.models import Edition
from wiki.publication.snapshots import edition_snapshot
from wiki.roles import Role
from wiki.standards.models import Revision


def _rejected(statement, **params):
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.execute(text(statement), params)


def _revision_row(standard, number, parent):
    head = standard.head_revision
    return dict(
        sid=standard.id,
        number=number,
        parent=parent,
        author=head.author_id,
        created=head.created_at,
        hash="x" * 64,
    )


INSERT_REVISION = (
    "INSERT INTO revisions (standard_id, number, parent_number, author_id, created_at, summary,"
    " title, body_markdown, content_hash, body_html, toc, structure, size_chars, size_delta)"
    " VALUES (:sid, :number, :parent, :author, :created, '', 't', 'b', :hash, 'b', '[]', '{}',"
    " 1, 0)"
)


@pytest.fixture
def standard():
    committee, people = full_committee()
    return create_standard(people["chair"], committee)


def test_duplicate_revision_number_is_rejected_by_the_database(standard):
    _rejected(INSERT_REVISION, **_revision_row(standard, 1, None))


def test_revision_numbers_cannot_skip(standard):
    _rejected(INSERT_REVISION, **_revision_row(standard, 3, 2))


def test_revision_parent_must_be_the_previous_number(standard):
    _rejected(INSERT_REVISION, **_revision_row(standard, 2, None))


def test_next_contiguous_revision_is_accepted(standard):
    with db.session.begin_nested():
        db.session.execute(text(INSERT_REVISION), _revision_row(standard, 2, 1))
    assert db.session.query(Revision).filter_by(standard_id=standard.id).count() == 2


def test_duplicate_standard_code_is_rejected_by_the_database(standard):
    committee = standard.committee
    other = create_standard(standard.created_by, committee, title="Otro estándar")
    db.session.execute(
        text("UPDATE standards SET code_number = 217 WHERE id = :i"), {"i": standard.id}
    )
    _rejected("UPDATE standards SET code_number = 217 WHERE id = :i", i=other.id)


def test_code_number_outside_ec_range_is_rejected(standard):
    _rejected("UPDATE standards SET code_number = 10000 WHERE id = :i", i=standard.id)


def test_duplicate_edition_code_is_rejected_by_the_database(standard):
    head = standard.head_revision
    db.session.add(
        Edition(
            standard_id=standard.id,
            revision_id=head.id,
            edition_number=1,
            code="EC0217.01",
            published_by_id=head.author_id,
            **edition_snapshot(standard, head),
        )
    )
    db.session.flush()
    other = create_standard(standard.created_by, standard.committee, title="Otro")
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(
            Edition(
                standard_id=other.id,
                revision_id=other.head_revision.id,
                edition_number=1,
                code="EC0217.01",
                published_by_id=head.author_id,
                **edition_snapshot(other, other.head_revision),
            )
        )


def test_withdrawn_edition_needs_a_reason(standard):
    head = standard.head_revision
    edition = Edition(
        standard_id=standard.id,
        revision_id=head.id,
        edition_number=1,
        code="EC0001.01",
        published_by_id=head.author_id,
        **edition_snapshot(standard, head),
    )
    db.session.add(edition)
    db.session.flush()
    _rejected("UPDATE editions SET status = 'withdrawn' WHERE id = :i", i=edition.id)


def test_email_is_unique_whatever_its_case():
    UserFactory(email="rosa@ejemplo.mx")
    _rejected(
        "INSERT INTO users (email, display_name, stakeholder_group, is_admin, active, is_public,"
        " locale, session_token, created_at) VALUES ('ROSA@ejemplo.mx', 'Rosa', 'union', false,"
        " true, false, 'es', 't', CURRENT_TIMESTAMP)"
    )


def test_observers_cannot_hold_a_vote():
    with pytest.raises(IntegrityError), db.session.begin_nested():
        MembershipFactory(role=Role.OBSERVER, can_vote=True)


def test_a_user_sits_once_on_a_committee():
    committee = CommitteeFactory()
    user = UserFactory()
    MembershipFactory(user=user, committee=committee)
    with pytest.raises(IntegrityError), db.session.begin_nested():
        MembershipFactory(user=user, committee=committee, role=Role.CHAIR)


def test_unknown_stakeholder_group_is_rejected_by_the_database():
    user = UserFactory()
    _rejected("UPDATE users SET stakeholder_group = 'clergy' WHERE id = :i", i=user.id)


def test_competency_level_outside_one_to_five_is_rejected(standard):
    _rejected("UPDATE standards SET level = 6 WHERE id = :i", i=standard.id)
