"""Committee pages and member management through the browser-facing routes."""

import pytest
from sqlalchemy import select

from tests.factories import CommitteeFactory, UserFactory, seat
from wiki.audit.models import AuditEntry
from wiki.committees.models import Membership
from wiki.extensions import db
from wiki.publication.models import Edition
from wiki.publication.snapshots import edition_snapshot
from wiki.roles import Role, StakeholderGroup
from wiki.standards.models import Revision, Standard


def person_for(role: str, committee):
    """A user in one of the roles of the permission matrix."""
    people = committee.people
    if role == "public":
        return UserFactory(is_public=True)
    if role == "observer":
        return people["observer"]
    if role == "member_no_vote":
        return seat(committee, Role.MEMBER, StakeholderGroup.UNION, can_vote=False)
    if role == "voting_member":
        return people["union"]
    if role == "chair":
        return people["chair"]
    if role == "other_chair":
        return seat(CommitteeFactory(name="Comité de Automotriz"), Role.CHAIR)
    if role == "admin":
        return UserFactory(admin=True)
    raise AssertionError(role)


MANAGERS = {"chair", "admin"}
NOT_MANAGERS = ["public", "observer", "member_no_vote", "voting_member", "other_chair"]


def seat_of(user, committee):
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.committee_id == committee.id
        )
    )


def add_standard(committee, author, *, title, published=False):
    """A standard row with one revision; published ones get a current edition."""
    standard = Standard(
        committee_id=committee.id, title=title, language="es", level=2, created_by_id=author.id
    )
    db.session.add(standard)
    db.session.flush()
    revision = Revision(
        standard_id=standard.id,
        number=1,
        author_id=author.id,
        title=title,
        body_markdown="x\n",
        content_hash="0" * 64,
        body_html="<p>x</p>",
        size_chars=2,
        size_delta=2,
    )
    db.session.add(revision)
    db.session.flush()
    standard.head_revision_id = revision.id
    if published:
        standard.code_number = 4000 + standard.id
        edition = Edition(
            standard_id=standard.id,
            revision_id=revision.id,
            edition_number=1,
            code=Edition.code_for(standard.code_number, 1),
            published_by_id=author.id,
            **edition_snapshot(standard, revision),
        )
        db.session.add(edition)
        db.session.flush()
        standard.current_edition_id = edition.id
        standard.status = "published"
    db.session.flush()
    return standard


def test_committee_list_and_page_are_public(client, committee):
    assert "Comité de Turismo" in client.get("/committees").text
    page = client.get("/committees/turismo")
    assert page.status_code == 200
    assert "Manage members" not in page.text


def test_unknown_committee_is_404(client, db_session):
    assert client.get("/committees/no-existe").status_code == 404


def test_page_groups_members_by_stakeholder_group_with_role_and_vote(client, committee):
    text = client.get("/committees/turismo").text
    headings = [
        text.index(f"<h3>{name}</h3>") for name in ("Industry", "Unions", "Education", "Government")
    ]
    assert headings == sorted(headings)
    chair = committee.people["chair"]
    row = text[text.index(chair.display_name) :]
    assert row.index("Chair") < row.index("</tr>") and "Votes" in row[: row.index("</tr>")]
    observer = committee.people["observer"]
    row = text[text.index(observer.display_name) :]
    assert "Observer" in row[: row.index("</tr>")]
    assert "Does not vote" in row[: row.index("</tr>")]


def test_page_leaves_out_deactivated_members(client, committee):
    gone = seat(committee, Role.MEMBER, StakeholderGroup.UNION, display_name="Ex Miembro")
    gone.active = False
    db.session.flush()
    assert "Ex Miembro" not in client.get("/committees/turismo").text


def test_public_sees_only_published_standards_members_see_drafts(client, login, committee):
    chair = committee.people["chair"]
    add_standard(committee, chair, title="Borrador secreto de gestión")
    add_standard(committee, chair, title="Atención a comensales", published=True)
    public = client.get("/committees/turismo").text
    assert "Atención a comensales" in public and "EC4" in public
    assert "Borrador secreto" not in public
    assert "badge-draft" not in public
    login(committee.people["observer"])
    member = client.get("/committees/turismo").text
    assert "Borrador secreto de gestión" in member and "Atención a comensales" in member
    assert member.index("badge-draft") < member.index("badge-published")


def test_consensus_rule_is_described_in_plain_words(client, committee):
    text = client.get("/committees/turismo").text
    assert "Per-group consensus (the default)" in text
    assert "Every stakeholder group with voting members" in text
    assert "No member with a vote still objects" in text


def test_iso_rule_is_described_with_its_shares(client, committee):
    from wiki.ballots.consensus import PRESETS

    committee.consensus_rule = PRESETS["iso"].to_dict()
    db.session.flush()
    text = client.get("/committees/turismo").text
    assert "At least two thirds of the votes cast are approvals" in text
    assert "At most one quarter of the votes cast are objections" in text
    assert "do not block the ballot" in text


def test_anonymous_is_sent_to_login_from_member_management(client, committee):
    response = client.get("/committees/turismo/members")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post("/committees/turismo/members", data={"email": "x@ejemplo.mx"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", sorted(MANAGERS))
def test_chair_and_admin_may_manage_members(client, login, committee, role):
    login(person_for(role, committee))
    assert client.get("/committees/turismo/members").status_code == 200
    page = client.get("/committees/turismo").text
    assert "Manage members" in page and "Change the consensus rule" in page


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_others_get_403_with_a_message_and_change_nothing(client, login, committee, role):
    login(person_for(role, committee))
    assert "Change the consensus rule" not in client.get("/committees/turismo").text
    page = client.get("/committees/turismo/members")
    assert page.status_code == 403
    assert "Only the chair of Comité de Turismo or an administrator" in page.text
    newcomer = UserFactory()
    member = committee.people["union"]
    membership_id = seat_of(member, committee).id
    attempts = [
        (
            "/committees/turismo/members",
            {"email": newcomer.email, "role": "member", "group": "industry"},
        ),
        (
            f"/committees/turismo/members/{membership_id}",
            {"role": "chair", "group": "union", "can_vote": "y"},
        ),
        (f"/committees/turismo/members/{membership_id}/remove", {}),
    ]
    for url, data in attempts:
        assert client.post(url, data=data).status_code == 403
    assert seat_of(newcomer, committee) is None
    assert seat_of(member, committee).role is Role.MEMBER
    assert (
        db.session.scalar(select(AuditEntry).where(AuditEntry.action.like("membership.%"))) is None
    )


def test_chair_adds_a_member(client, login, committee):
    login(committee.people["chair"])
    newcomer = UserFactory(display_name="Marisol Cañedo")
    response = client.post(
        "/committees/turismo/members",
        data={"email": newcomer.email, "role": "member", "group": "government", "can_vote": "y"},
    )
    assert response.status_code == 302
    assert "Marisol Cañedo was added" in client.get(response.headers["Location"]).text
    membership = seat_of(newcomer, committee)
    assert (membership.role, membership.can_vote, membership.stakeholder_group) == (
        Role.MEMBER,
        True,
        StakeholderGroup.GOVERNMENT,
    )


@pytest.mark.parametrize(
    ("email", "status", "message"),
    [
        ("no es un correo", 400, "is not a valid email address"),
        ("nadie@ejemplo.mx", 400, "No account uses nadie@ejemplo.mx"),
    ],
)
def test_adding_by_a_bad_email_says_why(client, login, committee, email, status, message):
    login(committee.people["chair"])
    response = client.post(
        "/committees/turismo/members", data={"email": email, "role": "member", "group": "union"}
    )
    assert response.status_code == status
    assert message in response.text


def test_adding_an_observer_with_a_vote_puts_the_message_on_the_vote(client, login, committee):
    login(committee.people["chair"])
    response = client.post(
        "/committees/turismo/members",
        data={"email": UserFactory().email, "role": "observer", "group": "union", "can_vote": "y"},
    )
    assert response.status_code == 400
    assert 'id="can_vote-error"' in response.text and "Observers cannot vote" in response.text


def test_adding_an_existing_member_says_so(client, login, committee):
    login(committee.people["chair"])
    member = committee.people["union"]
    response = client.post(
        "/committees/turismo/members",
        data={"email": member.email, "role": "member", "group": "union"},
    )
    assert response.status_code == 409
    assert "is already a member of Comité de Turismo" in response.text


def test_observer_with_a_vote_is_refused_with_a_message(client, login, committee):
    login(committee.people["chair"])
    member = committee.people["union"]
    response = client.post(
        f"/committees/turismo/members/{seat_of(member, committee).id}",
        data={"role": "observer", "group": "union", "can_vote": "y"},
    )
    assert response.status_code == 400
    assert "Observers cannot vote" in response.text
    assert seat_of(member, committee).role is Role.MEMBER


def test_chair_changes_a_seat(client, login, committee):
    login(committee.people["chair"])
    member = committee.people["union"]
    response = client.post(
        f"/committees/turismo/members/{seat_of(member, committee).id}",
        data={"role": "observer", "group": "education"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    membership = seat_of(member, committee)
    assert (membership.role, membership.can_vote, membership.stakeholder_group) == (
        Role.OBSERVER,
        False,
        StakeholderGroup.EDUCATION,
    )


def test_last_chair_cannot_remove_themself(client, login, committee):
    chair = committee.people["chair"]
    login(chair)
    response = client.post(f"/committees/turismo/members/{seat_of(chair, committee).id}/remove")
    assert response.status_code == 409
    assert "You are the last chair of Comité de Turismo" in response.text
    assert seat_of(chair, committee) is not None


def test_last_chair_cannot_step_down(client, login, committee):
    chair = committee.people["chair"]
    login(chair)
    response = client.post(
        f"/committees/turismo/members/{seat_of(chair, committee).id}",
        data={"role": "member", "group": "industry", "can_vote": "y"},
    )
    assert response.status_code == 409
    assert "last chair" in response.text
    db.session.expire_all()
    assert seat_of(chair, committee).role is Role.CHAIR


def test_chair_who_leaves_while_another_chair_remains_goes_to_the_committee_page(
    client, login, committee
):
    chair = committee.people["chair"]
    seat(committee, Role.CHAIR, StakeholderGroup.EDUCATION)
    login(chair)
    response = client.post(f"/committees/turismo/members/{seat_of(chair, committee).id}/remove")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/committees/turismo")
    assert seat_of(chair, committee) is None
    assert client.get("/committees/turismo/members").status_code == 403


def test_chair_of_one_committee_cannot_manage_another(client, login, committee):
    other = CommitteeFactory(name="Comité Automotriz", slug="automotriz")
    seat(other, Role.CHAIR)
    login(committee.people["chair"])
    response = client.get("/committees/automotriz/members")
    assert response.status_code == 403
    assert "Only the chair of Comité Automotriz" in response.text


def test_removing_a_member_without_csrf_token_is_rejected(client, login, committee):
    login(committee.people["chair"])
    member = committee.people["union"]
    response = client.post(
        f"/committees/turismo/members/{seat_of(member, committee).id}/remove", csrf=False
    )
    assert response.status_code == 400
    assert seat_of(member, committee) is not None


def test_committee_audit_is_for_its_chair_and_admins_only(client, login, committee):
    assert "/login" in client.get("/committees/turismo/audit").headers["Location"]
    login(committee.people["union"])
    response = client.get("/committees/turismo/audit")
    assert response.status_code == 403
    assert "can read its change log" in response.text


def test_chair_sees_own_committee_changes_with_before_and_after(client, login, committee):
    chair = committee.people["chair"]
    CommitteeFactory(name="Comité Automotriz", slug="automotriz")
    login(UserFactory(admin=True))
    client.post(
        "/admin/committees/automotriz/edit",
        data={"name": "Comité Automotriz del Bajío", "sector": "", "description": ""},
    )
    client.post("/logout")
    login(chair)
    member = committee.people["union"]
    client.post(
        f"/committees/turismo/members/{seat_of(member, committee).id}",
        data={"role": "observer", "group": "union"},
    )
    log = client.get("/committees/turismo/audit")
    assert log.status_code == 200
    assert "Seat changed" in log.text and member.display_name in log.text
    before, after = log.text.index(">Before<"), log.text.index(">After<")
    assert before < after
    assert "Observer" in log.text and "Member" in log.text
    assert "Bajío" not in log.text  # another committee's change stays out of this log


@pytest.mark.parametrize("role", ["chair", "voting_member", "public"])
def test_only_admins_create_rename_and_archive_committees(client, login, committee, role):
    login(person_for(role, committee))
    assert client.get("/admin/committees/new").status_code == 403
    assert client.post("/admin/committees/new", data={"name": "Nuevo"}).status_code == 403
    assert (
        client.post("/admin/committees/turismo/edit", data={"name": "Otro nombre"}).status_code
        == 403
    )
    assert client.post("/admin/committees/turismo/archive").status_code == 403
    db.session.refresh(committee)
    assert committee.name == "Comité de Turismo" and not committee.is_archived


def test_admin_creates_renames_archives_and_restores_a_committee(client, login, db_session):
    login(UserFactory(admin=True))
    response = client.post(
        "/admin/committees/new", data={"name": "Comité de Energía Solar", "sector": "Energía"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/committees/comite-de-energia-solar/members")
    response = client.post(
        "/admin/committees/comite-de-energia-solar/edit",
        data={"name": "Comité de Energías Renovables", "sector": "Energía"},
    )
    assert response.status_code == 302
    assert "Comité de Energías Renovables" in client.get("/committees").text
    assert client.post("/admin/committees/comite-de-energia-solar/archive").status_code == 302
    listing = client.get("/committees").text
    assert listing.index("Archived committees") < listing.index("Comité de Energías Renovables")
    assert "archived on" in client.get("/committees/comite-de-energia-solar").text
    assert client.post("/admin/committees/comite-de-energia-solar/restore").status_code == 302
    assert "Archived committees" not in client.get("/committees").text


def test_creating_a_committee_with_a_taken_address_says_so(client, login, committee):
    login(UserFactory(admin=True))
    response = client.post("/admin/committees/new", data={"name": "Otro", "slug": "turismo"})
    assert response.status_code == 409
    assert "Another committee already uses the web address turismo" in response.text


def test_archived_committee_members_page_shows_no_forms(client, login, committee):
    admin = UserFactory(admin=True)
    login(admin)
    client.post("/admin/committees/turismo/archive")
    page = client.get("/committees/turismo/members").text
    assert "This committee is archived" in page
    assert "Add member" not in page
