"""Turning the demo content into rows, through the same operations the app uses."""

import datetime as dt
import secrets

from sqlalchemy import func, select

from wiki.accounts import operations as accounts
from wiki.accounts.models import User
from wiki.ballots import operations as ballots
from wiki.ballots.consensus import Position
from wiki.committees.actors import actor_for_user
from wiki.committees.models import Committee, Membership
from wiki.demo.content import COMMITTEES, PEOPLE, STANDARDS, DemoStandard, apply_edit
from wiki.extensions import db
from wiki.publication.operations import publish_edition
from wiki.publication.request_operations import request_publication
from wiki.roles import Role, StakeholderGroup
from wiki.standards import operations as standards

#: every demo account's email ends with this; the loader touches no database with others
DEMO_DOMAIN = "@demo.example.org"

#: the body recorded as approving published demo editions
DEMO_APPROVING_BODY = "Comité Técnico de la Agencia"

#: what the chair tells the agency when asking for publication, by the standard's language
DEMO_REQUEST_NOTES = {
    "es": "Aprobado por el comité en su sesión ordinaria; las observaciones quedaron atendidas.",
    "en": "Approved by the committee at its regular session; every comment has its disposition.",
}


class DemoRefused(Exception):
    """The database holds content the demo did not create."""


def seed_demo(password: str | None = None) -> str:
    """Load the demo once; return the report to print (log-ins, or that nothing changed)."""
    users = db.session.scalar(select(func.count()).select_from(User))
    if users:
        foreign = db.session.scalar(select(func.count()).where(~User.email.endswith(DEMO_DOMAIN)))
        if foreign:
            raise DemoRefused(
                f"The database holds {foreign} account(s) the demo did not create; "
                "refusing to add demo content to it. Use an empty database."
            )
        return "Demo content is already loaded; nothing changed."
    if password is not None:
        accounts.check_password_strength(password)
    people, logins = _people(password)
    committees = _committees(people)
    for demo in STANDARDS:
        _standard(demo, committees, people)
    db.session.flush()
    return _report(logins)


def _people(password: str | None) -> tuple[dict[str, User], list[tuple[str, str, str]]]:
    people, logins = {}, []
    for person in PEOPLE:
        secret = password or secrets.token_urlsafe(9)
        user = accounts.create_user(
            email=person.email,
            display_name=person.display_name,
            stakeholder_group=StakeholderGroup(person.group),
            password=secret,
            is_admin=person.is_admin,
            locale=person.locale,
        )
        people[person.key] = user
        roles = ", ".join(f"{seat.role} {seat.committee}" for seat in person.seats)
        logins.append((person.email, secret, "admin" if person.is_admin else roles))
    return people, logins


def _committees(people: dict[str, User]) -> dict[str, Committee]:
    committees = {}
    for demo in COMMITTEES:
        committee = Committee(
            slug=demo.key, name=demo.name, sector=demo.sector, description=demo.description
        )
        db.session.add(committee)
        committees[demo.key] = committee
    db.session.flush()
    for person in PEOPLE:
        for seat in person.seats:
            db.session.add(
                Membership(
                    user_id=people[person.key].id,
                    committee_id=committees[seat.committee].id,
                    role=Role(seat.role),
                    can_vote=seat.can_vote,
                    stakeholder_group=StakeholderGroup(seat.group),
                )
            )
    db.session.flush()
    return committees


def _actor(user: User):
    return actor_for_user(user)


def _agency_admin(people: dict[str, User]) -> User:
    return next(user for user in people.values() if user.is_admin)


def _chair(committee: Committee) -> User:
    return next(m.user for m in committee.memberships if m.role is Role.CHAIR)


def _standard(demo: DemoStandard, committees: dict, people: dict) -> None:
    committee = committees[demo.committee]
    standard = standards.create_standard(
        _actor(people[demo.author]),
        committee=committee,
        title=demo.title,
        language=demo.language,
        level=demo.level,
        body=demo.body,
        summary=demo.first_summary,
    )
    standards.update_metadata(
        _actor(people[demo.author]),
        standard.id,
        review_period_years=demo.review_period_years,
        certificate_validity_years=demo.certificate_validity_years,
        occupations="\n".join(demo.occupations),
        industry_code=demo.industry_code,
        organisations="\n".join(demo.organisations),
    )
    edits = list(demo.edits)
    redraft = edits.pop() if demo.outcome == "published_then_redraft" and edits else None
    text = demo.body
    for edit in edits:
        text = _save(standard, edit, text, people)
    if demo.outcome in ("published", "published_then_redraft"):
        _approve_and_publish(standard, committee, _agency_admin(people))
    elif demo.outcome == "ballot":
        _ballot_in_progress(standard, committee)
    if redraft is not None:
        _save(standard, redraft, text, people)


def _save(standard, edit, text: str, people: dict) -> str:
    new_text = apply_edit(text, edit)
    head = db.session.get(type(standard), standard.id).head_revision
    standards.save_revision(
        _actor(people[edit.author]),
        standard.id,
        base_number=head.number,
        title=head.title,
        body=new_text,
        summary=edit.summary,
    )
    return new_text


def _voting_members(committee: Committee) -> list[Membership]:
    return [m for m in committee.memberships if m.can_vote]


def _approve_and_publish(standard, committee: Committee, admin: User) -> None:
    """The committee approves; the chair asks for publication; the agency publishes."""
    chair = _chair(committee)
    ballot = ballots.open_ballot(_actor(chair), standard.id)
    for membership in _voting_members(committee):
        ballots.cast_position(_actor(membership.user), ballot.id, Position.APPROVE)
    ballots.close_ballot(_actor(chair), ballot.id)
    request_publication(_actor(chair), standard.id, note=DEMO_REQUEST_NOTES[standard.language])
    today = dt.date.today()
    publish_edition(
        _actor(admin),
        standard.id,
        approving_body=DEMO_APPROVING_BODY,
        resolution_number=f"CT-{today.year}-{standard.id:03d}",
        approved_on=today,
    )


def _ballot_in_progress(standard, committee: Committee) -> None:
    """A ballot with some groups' approvals in and others missing, as committees see daily."""
    chair = _chair(committee)
    ballot = ballots.open_ballot(_actor(chair), standard.id)
    seen = set()
    for membership in _voting_members(committee):
        group = membership.stakeholder_group
        if group in (StakeholderGroup.INDUSTRY, StakeholderGroup.UNION) and group not in seen:
            seen.add(group)
            position = (
                Position.APPROVE
                if group is StakeholderGroup.INDUSTRY
                else Position.APPROVE_WITH_COMMENTS
            )
            ballots.cast_position(_actor(membership.user), ballot.id, position)


def _report(logins: list[tuple[str, str, str]]) -> str:
    width = max(len(email) for email, _, _ in logins)
    lines = ["Demo content loaded. Log in at /login with:", ""]
    lines += [f"  {email:<{width}}  {secret}  ({what})" for email, secret, what in logins]
    return "\n".join(lines)
