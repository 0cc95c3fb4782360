"""Ballots and editions built through the real operations, for the ballot and publication tests."""

from sqlalchemy import func, select

from tests.factories import Seats
from tests.standard_factories import create_standard, save
from wiki.audit.models import AuditEntry
from wiki.ballots import operations as ballots
from wiki.ballots.consensus import Position
from wiki.ballots.models import Ballot, Vote, VoteChange
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.publication.models import CodeCounter, Edition, PublicationRequest
from wiki.publication.operations import CODE_COUNTER, publish_edition
from wiki.publication.request_operations import request_publication


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


def requested(s: Seats, standard=None, title="Atención a comensales", note=""):
    """A standard approved, whose chair asked the agency to publish it; returns (standard,
    request)."""
    standard, _ = approved(s, standard, title=title)
    return standard, request_publication(actor(s.chair), standard.id, note)


def published(s: Seats, standard=None, title="Atención a comensales", **official_act):
    """A standard approved, requested by the chair and published by an agency administrator;
    returns (standard, edition)."""
    standard, _ = requested(s, standard, title=title)
    return standard, publish_edition(actor(s.admin), standard.id, **official_act)


def counter_value() -> int | None:
    return db.session.scalar(
        select(CodeCounter.last_number).where(CodeCounter.name == CODE_COUNTER)
    )


def counts() -> dict[str, int]:
    """Rows of the tables ballots and publication write to; unchanged counts: nothing changed."""
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Ballot, Vote, VoteChange, Edition, PublicationRequest, AuditEntry)
    }


def audit_actions(standard_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.standard_id == standard_id)
            .order_by(AuditEntry.id)
        )
    )
