"""Ballots and editions built through the real operations, for the ballot and publication tests."""

from dataclasses import dataclass

from sqlalchemy import func, select

from tests.factories import UserFactory, full_committee
from tests.standard_factories import create_standard, save
from wiki.audit.models import AuditEntry
from wiki.ballots import operations as ballots
from wiki.ballots.consensus import Position
from wiki.ballots.models import Ballot, Vote, VoteChange
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.publication.models import CodeCounter, Edition
from wiki.publication.operations import CODE_COUNTER, publish_edition

#: the keys of ``full_committee()`` people who vote, one per voting stakeholder group
VOTERS = ("chair", "union", "education", "government")


@dataclass
class Seats:
    """A committee with a chair (industry), one voter per other group, an observer, an admin
    and an outsider (an account with no seat)."""

    committee: object
    chair: object
    union: object
    education: object
    government: object
    observer: object
    admin: object
    outsider: object

    @property
    def voters(self) -> list:
        return [self.chair, self.union, self.education, self.government]

    def __getitem__(self, key):
        return getattr(self, key)


def seats(**committee_fields) -> Seats:
    """The committee and its people; their interface language is English, as the tests read it."""
    committee, people = full_committee(**committee_fields)
    for person in people.values():
        person.locale = "en"
    return Seats(
        committee=committee,
        chair=people["chair"],
        union=people["union"],
        education=people["education"],
        government=people["government"],
        observer=people["observer"],
        admin=UserFactory(admin=True, display_name="Ana Administradora", locale="en"),
        outsider=UserFactory(display_name="Persona Externa", locale="en"),
    )


def actor(user):
    return actor_for_user(user)


def draft(s: Seats, title="Atención a comensales", author=None):
    """A draft standard with revision 1, written by the union member unless told."""
    return create_standard(author or s.union, s.committee, title=title)


def new_revision(s: Seats, standard, marker="Cambio", author=None):
    """Save one more revision (appends a line to the text)."""
    body = standard.head_revision.body_markdown + f"\n{marker} {standard.head_revision.number}.\n"
    return save(author or s.education, standard, body).revision


def open_on(s: Seats, standard, **options) -> Ballot:
    return ballots.open_ballot(actor(s.chair), standard.id, **options)


def vote(user, ballot, position=Position.APPROVE, reason=""):
    return ballots.cast_position(actor(user), ballot.id, position, reason)


def everyone_approves(s: Seats, ballot) -> None:
    for user in s.voters:
        vote(user, ballot, Position.APPROVE)


def approved(s: Seats, standard=None, title="Atención a comensales"):
    """A standard whose ballot on its current revision passed; returns (standard, ballot)."""
    standard = standard or draft(s, title=title)
    ballot = open_on(s, standard)
    everyone_approves(s, ballot)
    ballots.close_ballot(actor(s.chair), ballot.id)
    return standard, ballot


def published(s: Seats, standard=None, title="Atención a comensales", **official_act):
    """A standard approved and published by the chair; returns (standard, edition)."""
    standard, _ = approved(s, standard, title=title)
    return standard, publish_edition(actor(s.chair), standard.id, **official_act)


def counter_value() -> int | None:
    return db.session.scalar(
        select(CodeCounter.last_number).where(CodeCounter.name == CODE_COUNTER)
    )


def counts() -> dict[str, int]:
    """Rows of the tables ballots and publication write to; unchanged counts: nothing changed."""
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Ballot, Vote, VoteChange, Edition, AuditEntry)
    }


def audit_actions(standard_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.standard_id == standard_id)
            .order_by(AuditEntry.id)
        )
    )
