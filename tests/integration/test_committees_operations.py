"""Committee, membership and account operations against the database, with their audit entries."""

from functools import partial

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tests.factories import CommitteeFactory, UserFactory, seat
from wiki.accounts import operations as accounts
from wiki.audit.models import AuditEntry
from wiki.audit.operations import record_change
from wiki.committees import operations
from wiki.committees.actors import actor_for_user
from wiki.committees.models import Membership
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.permissions import ANONYMOUS
from wiki.roles import Role, StakeholderGroup


@pytest.fixture
def chair(committee):
    return committee.people["chair"]


@pytest.fixture
def admin(db_session):
    return UserFactory(admin=True, display_name="Administradora Núñez")


def _entries(action):
    return db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    ).all()


def _seat_of(user, committee):
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.committee_id == committee.id
        )
    )


def test_chair_adds_member_and_the_log_records_the_new_seat(committee, chair):
    person = UserFactory(email="ana.lopez@ejemplo.mx", stakeholder_group=StakeholderGroup.UNION)
    membership = operations.add_member(
        actor_for_user(chair),
        committee.id,
        email="Ana.Lopez@ejemplo.mx",
        role="member",
        can_vote=True,
        group="union",
    )
    assert membership.user_id == person.id
    [entry] = _entries("membership.added")
    assert entry.actor_id == chair.id
    assert entry.committee_id == committee.id
    assert (entry.subject_type, entry.subject_id) == ("user", person.id)
    assert entry.before is None
    assert entry.after == {
        "user_id": person.id,
        "role": "member",
        "can_vote": True,
        "group": "union",
    }


def test_changing_a_seat_records_before_and_after(committee, chair):
    member = committee.people["union"]
    seat_id = _seat_of(member, committee).id
    operations.change_member(
        actor_for_user(chair),
        committee.id,
        seat_id,
        role="observer",
        can_vote=False,
        group="education",
    )
    [entry] = _entries("membership.changed")
    assert entry.before == {
        "user_id": member.id,
        "role": "member",
        "can_vote": True,
        "group": "union",
    }
    assert entry.after == {
        "user_id": member.id,
        "role": "observer",
        "can_vote": False,
        "group": "education",
    }


def test_saving_an_unchanged_seat_writes_no_entry(committee, chair):
    member = committee.people["union"]
    operations.change_member(
        actor_for_user(chair),
        committee.id,
        _seat_of(member, committee).id,
        role="member",
        can_vote=True,
        group="union",
    )
    assert _entries("membership.changed") == []


def test_removing_a_member_records_the_seat_that_was_removed(committee, chair):
    member = committee.people["government"]
    operations.remove_member(actor_for_user(chair), committee.id, _seat_of(member, committee).id)
    assert _seat_of(member, committee) is None
    [entry] = _entries("membership.removed")
    assert entry.before["user_id"] == member.id and entry.before["role"] == "member"
    assert entry.after is None


def test_last_chair_cannot_remove_themself(committee, chair):
    with pytest.raises(Conflict) as caught:
        operations.remove_member(actor_for_user(chair), committee.id, _seat_of(chair, committee).id)
    assert "You are the last chair" in caught.value.message
    assert _seat_of(chair, committee).role is Role.CHAIR


def test_last_chair_cannot_step_down_to_member(committee, chair):
    with pytest.raises(Conflict):
        operations.change_member(
            actor_for_user(chair),
            committee.id,
            _seat_of(chair, committee).id,
            role="member",
            can_vote=True,
            group="industry",
        )
    assert _seat_of(chair, committee).role is Role.CHAIR


def test_admin_cannot_remove_the_last_chair_either(committee, chair, admin):
    with pytest.raises(Conflict) as caught:
        operations.remove_member(actor_for_user(admin), committee.id, _seat_of(chair, committee).id)
    assert caught.value.details["name"] == chair.display_name
    assert "at least one chair" in caught.value.message


def test_chair_may_leave_when_another_chair_remains(committee, chair):
    second = seat(committee, Role.CHAIR, StakeholderGroup.EDUCATION)
    operations.remove_member(actor_for_user(chair), committee.id, _seat_of(chair, committee).id)
    assert _seat_of(chair, committee) is None
    assert _seat_of(second, committee).role is Role.CHAIR


def test_a_deactivated_second_chair_does_not_count_as_a_remaining_chair(committee, chair):
    seat(committee, Role.CHAIR, StakeholderGroup.EDUCATION, active=False)
    with pytest.raises(Conflict):
        operations.remove_member(actor_for_user(chair), committee.id, _seat_of(chair, committee).id)


def test_observers_cannot_be_given_a_vote(committee, chair):
    person = UserFactory()
    with pytest.raises(InvalidInput) as caught:
        operations.add_member(
            actor_for_user(chair),
            committee.id,
            email=person.email,
            role="observer",
            can_vote=True,
            group="industry",
        )
    assert "Observers cannot vote" in caught.value.message


@pytest.mark.parametrize(
    ("account", "error", "words"),
    [
        ({"is_public": True}, InvalidInput, "public account"),
        ({"active": False}, InvalidInput, "deactivated"),
    ],
)
def test_public_and_deactivated_accounts_cannot_be_seated(committee, chair, account, error, words):
    person = UserFactory(**account)
    with pytest.raises(error) as caught:
        operations.add_member(
            actor_for_user(chair),
            committee.id,
            email=person.email,
            role="member",
            can_vote=False,
            group="industry",
        )
    assert words in caught.value.message
    assert _seat_of(person, committee) is None


def test_adding_someone_twice_or_without_an_account_is_refused(committee, chair):
    actor = actor_for_user(chair)
    with pytest.raises(Conflict):
        operations.add_member(
            actor,
            committee.id,
            email=committee.people["union"].email,
            role="member",
            can_vote=True,
            group="union",
        )
    with pytest.raises(InvalidInput) as caught:
        operations.add_member(
            actor,
            committee.id,
            email="nadie@ejemplo.mx",
            role="member",
            can_vote=True,
            group="union",
        )
    assert "No account uses nadie@ejemplo.mx" in caught.value.message % caught.value.details


def test_chair_of_another_committee_is_refused_and_nothing_changes(committee):
    other_chair = seat(CommitteeFactory(), Role.CHAIR)
    member = committee.people["union"]
    with pytest.raises(NotAllowed):
        operations.remove_member(
            actor_for_user(other_chair), committee.id, _seat_of(member, committee).id
        )
    assert _seat_of(member, committee) is not None
    assert _entries("membership.removed") == []


def test_archiving_takes_seat_rights_away_until_restored(committee, chair, admin):
    operations.archive_committee(actor_for_user(admin), committee.id)
    assert not actor_for_user(chair).is_chair(committee.id)
    with pytest.raises(Conflict):
        operations.add_member(
            actor_for_user(admin),
            committee.id,
            email=UserFactory().email,
            role="member",
            can_vote=True,
            group="industry",
        )
    operations.restore_committee(actor_for_user(admin), committee.id)
    assert actor_for_user(chair).is_chair(committee.id)
    archived, restored = _entries("committee.archived")[0], _entries("committee.restored")[0]
    assert archived.before == {"archived_at": None} and archived.after["archived_at"]
    assert restored.after == {"archived_at": None}


def test_committee_is_created_with_a_slug_from_its_name(admin):
    committee = operations.create_committee(
        actor_for_user(admin), name="Comité de Diseño y Gestión", sector="Manufactura"
    )
    assert committee.slug == "comite-de-diseno-y-gestion"
    [entry] = _entries("committee.created")
    assert entry.after["name"] == "Comité de Diseño y Gestión"


@pytest.mark.parametrize("slug", ["A", "con espacios", "-guion", "x" * 65])
def test_invalid_committee_address_is_refused(admin, slug):
    with pytest.raises(InvalidInput):
        operations.create_committee(actor_for_user(admin), name="Comité", slug=slug)


def test_taken_committee_address_is_refused(admin, committee):
    with pytest.raises(Conflict):
        operations.create_committee(actor_for_user(admin), name="Otro", slug=committee.slug)


def test_renaming_records_old_and_new_name(admin, committee):
    operations.update_committee(
        actor_for_user(admin),
        committee.id,
        name="Comité de Hospitalidad",
        sector=committee.sector,
        description=committee.description,
    )
    [entry] = _entries("committee.renamed")
    assert entry.before == {"name": "Comité de Turismo"}
    assert entry.after == {"name": "Comité de Hospitalidad"}


def test_only_admins_create_committees(chair):
    with pytest.raises(NotAllowed):
        operations.create_committee(actor_for_user(chair), name="Comité nuevo")


def test_invitation_creates_an_account_without_password_and_logs_it(admin):
    user = accounts.invite_user(
        actor_for_user(admin),
        email="Rosa@Ejemplo.mx",
        display_name="Rosa Ibarra",
        stakeholder_group=StakeholderGroup.EDUCATION,
    )
    assert user.email == "rosa@ejemplo.mx" and user.password_hash is None
    assert [e.actor_id for e in _entries("account.invited")] == [admin.id]


def test_inviting_an_existing_email_or_an_invalid_one_is_refused(admin):
    existing = UserFactory()
    with pytest.raises(Conflict):
        accounts.invite_user(
            actor_for_user(admin),
            email=existing.email.upper(),
            display_name="Otra",
            stakeholder_group="industry",
        )
    with pytest.raises(InvalidInput):
        accounts.invite_user(
            actor_for_user(admin),
            email="no es un correo",
            display_name="Otra",
            stakeholder_group="industry",
        )


def test_deactivation_removes_every_right_ends_sessions_and_is_logged(committee, chair, admin):
    token = chair.session_token
    accounts.set_account_active(actor_for_user(admin), chair.id, active=False)
    assert actor_for_user(chair) is ANONYMOUS
    assert chair.session_token != token
    [entry] = _entries("account.deactivated")
    assert (entry.before, entry.after) == ({"active": True}, {"active": False})
    accounts.set_account_active(actor_for_user(admin), chair.id, active=True)
    assert actor_for_user(chair).is_chair(committee.id)
    assert _entries("account.reactivated")[0].after == {"active": True}


def test_admin_cannot_deactivate_themself(admin):
    with pytest.raises(Conflict):
        accounts.set_account_active(actor_for_user(admin), admin.id, active=False)
    assert admin.active


def test_password_reset_clears_the_password_and_ends_sessions(admin):
    person = UserFactory()
    token = person.session_token
    accounts.reset_password(actor_for_user(admin), person.id)
    assert person.password_hash is None and person.session_token != token
    [entry] = _entries("account.password_reset")
    assert (entry.before, entry.after) == ({"password_set": True}, {"password_set": False})


def test_non_admins_cannot_change_accounts(chair):
    person = UserFactory()
    deactivate = partial(accounts.set_account_active, active=False)
    for operation in (deactivate, accounts.reset_password):
        with pytest.raises(NotAllowed):
            operation(actor_for_user(chair), person.id)
    assert person.active and person.password_hash


def test_profile_change_records_before_and_after():
    person = UserFactory(display_name="Luis Peña", locale="es")
    accounts.update_profile(
        actor_for_user(person), person.id, display_name="Luis Peña Ortiz", locale="en"
    )
    [entry] = _entries("account.profile_changed")
    assert entry.before == {"display_name": "Luis Peña", "locale": "es"}
    assert entry.after == {"display_name": "Luis Peña Ortiz", "locale": "en"}


def test_nobody_changes_someone_elses_profile(admin):
    person = UserFactory(display_name="Luis Peña")
    with pytest.raises(NotAllowed):
        accounts.update_profile(actor_for_user(admin), person.id, display_name="X", locale="es")


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_entries SET action = 'forged'", "DELETE FROM audit_entries"],
)
def test_the_database_refuses_to_change_or_delete_audit_entries(db_session, statement):
    record_change(None, "account.created", UserFactory())
    db.session.flush()
    with pytest.raises(DBAPIError, match="append-only"), db.session.begin_nested():
        db.session.execute(text(statement))
    assert db.session.scalar(text("SELECT count(*) FROM audit_entries")) >= 1
