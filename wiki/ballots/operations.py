"""Ballots: opening, casting positions, closing, and marking them stale.

Each function takes the actor, re-checks permission, locks what it changes,
calls the pure rules (``consensus``, ``lifecycle``), writes the audit entry and
flushes; the caller commits.
"""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from wiki import events, permissions
from wiki.accounts.models import User
from wiki.audit.operations import record
from wiki.ballots.consensus import ConsensusRule, Position, Verdict, Voter, evaluate
from wiki.ballots.lifecycle import (
    STANDARD_ACTION_FOR,
    BallotAction,
    BallotStatus,
    next_ballot_status,
)
from wiki.ballots.models import Ballot, Vote, VoteChange
from wiki.committees.models import Committee, Membership
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed, NotFound, StaleBallot
from wiki.extensions import db
from wiki.i18n import N_
from wiki.permissions import Actor
from wiki.standards.lifecycle import StandardAction, next_status
from wiki.standards.models import Edition, Revision, Standard


def committee_rule(committee: Committee) -> ConsensusRule:
    """The committee's consensus rule (the product default when none is set)."""
    return ConsensusRule.from_dict(committee.consensus_rule or {})


def voters_of(committee_id: int) -> list[Voter]:
    """The committee's voting members with active accounts, with the group each represents."""
    rows = db.session.execute(
        select(Membership.user_id, Membership.stakeholder_group)
        .join(User, User.id == Membership.user_id)
        .where(Membership.committee_id == committee_id, Membership.can_vote, User.active)
        .order_by(Membership.user_id)
    )
    return [Voter(user_id=user_id, group=group) for user_id, group in rows]


def balloted_authors(ballot: Ballot) -> set[int]:
    """Authors of the changes under ballot: revisions since the last published edition."""
    since = db.session.execute(
        select(Revision.number)
        .join(Edition, Edition.revision_id == Revision.id)
        .where(Edition.standard_id == ballot.standard_id)
        .order_by(Revision.number.desc())
        .limit(1)
    ).scalar()
    query = select(Revision.author_id).where(
        Revision.standard_id == ballot.standard_id,
        Revision.number <= ballot.revision.number,
    )
    if since is not None:
        query = query.where(Revision.number > since)
    return set(db.session.execute(query.distinct()).scalars())


def verdict(ballot: Ballot) -> Verdict:
    """Evaluate the ballot's rule over the committee's current voters and their positions."""
    rule = ConsensusRule.from_dict(ballot.rule)
    positions = {vote.user_id: vote.position for vote in ballot.votes}
    return evaluate(
        rule, voters_of(ballot.standard.committee_id), positions, balloted_authors(ballot)
    )


def get_ballot(ballot_id: int, *, lock: bool = False) -> Ballot:
    query = select(Ballot).where(Ballot.id == ballot_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    ballot = db.session.execute(query).scalar_one_or_none()
    if ballot is None:
        raise NotFound(N_("No such ballot."))
    return ballot


def open_ballot_of(standard_id: int) -> Ballot | None:
    return db.session.execute(
        select(Ballot).where(Ballot.standard_id == standard_id, Ballot.status == BallotStatus.OPEN)
    ).scalar_one_or_none()


def _lock_standard(standard_id: int) -> Standard:
    standard = db.session.execute(
        select(Standard)
        .where(Standard.id == standard_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if standard is None:
        raise NotFound(N_("No such standard."))
    return standard


def open_ballot(actor: Actor, standard_id: int, *, closes_at: dt.datetime | None = None) -> Ballot:
    """Open a ballot on the standard's current revision (chair only; one open ballot at a time)."""
    standard = _lock_standard(standard_id)
    if not permissions.can_run_ballots(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may open a ballot."))
    if open_ballot_of(standard.id) is not None:
        raise Conflict(N_("A ballot is already open on this standard."))
    if closes_at is not None and closes_at <= utcnow():
        raise InvalidInput(N_("The closing date must be in the future."))
    before = standard.status
    standard.status = next_status(standard.status, StandardAction.OPEN_BALLOT)
    ballot = Ballot(
        standard_id=standard.id,
        revision_id=standard.head_revision_id,
        status=BallotStatus.OPEN,
        rule=committee_rule(standard.committee).to_dict(),
        opened_by_id=actor.user_id,
        closes_at=closes_at,
    )
    db.session.add(ballot)
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise Conflict(N_("A ballot is already open on this standard.")) from exc
    record(
        "ballot.opened",
        actor_id=actor.user_id,
        subject_type="ballot",
        subject_id=ballot.id,
        committee_id=standard.committee_id,
        standard_id=standard.id,
        before={"status": str(before)},
        after={"status": str(standard.status), "revision": ballot.revision.number},
    )
    events.ballot_opened.send(standard, ballot=ballot)
    return ballot


def cast_position(actor: Actor, ballot_id: int, position: Position | str, reason: str = "") -> Vote:
    """Record the actor's position, replacing an earlier one (kept in the log).

    Raises ``NotAllowed`` for non-voters, ``InvalidInput`` for an objection without a
    reason, ``Conflict`` on a closed ballot and ``StaleBallot`` when the text changed.
    """
    ballot = get_ballot(ballot_id, lock=True)
    standard = ballot.standard
    if not permissions.can_vote(actor, standard.committee_id):
        raise NotAllowed(N_("Only voting members of the committee may vote."))
    if ballot.status == BallotStatus.STALE or ballot.revision_id != standard.head_revision_id:
        raise StaleBallot(N_("The text changed after this ballot opened; the ballot is stale."))
    if ballot.status != BallotStatus.OPEN:
        raise Conflict(N_("This ballot is closed."))
    try:
        position = Position(position)
    except ValueError as exc:
        raise InvalidInput(N_("Unknown position.")) from exc
    reason = (reason or "").strip()
    if position == Position.OBJECT and not reason:
        raise InvalidInput(N_("An objection must give a reason."))
    seat = actor.seat(standard.committee_id)
    vote = db.session.execute(
        select(Vote).where(Vote.ballot_id == ballot.id, Vote.user_id == actor.user_id)
    ).scalar_one_or_none()
    before = {"position": str(vote.position), "reason": vote.reason} if vote else None
    if vote is None:
        vote = Vote(ballot_id=ballot.id, user_id=actor.user_id)
        db.session.add(vote)
    vote.position = position
    vote.reason = reason
    vote.stakeholder_group = seat.group
    vote.cast_at = utcnow()
    db.session.add(
        VoteChange(ballot_id=ballot.id, user_id=actor.user_id, position=position, reason=reason)
    )
    db.session.flush()
    record(
        "ballot.position_cast",
        actor_id=actor.user_id,
        subject_type="ballot",
        subject_id=ballot.id,
        committee_id=standard.committee_id,
        standard_id=standard.id,
        before=before,
        after={"position": str(position), "reason": reason},
    )
    db.session.expire(ballot, ["votes"])
    return vote


def _close(ballot: Ballot, action: BallotAction, actor_id: int | None, reason: str) -> None:
    standard = ballot.standard
    before = {"ballot": str(ballot.status), "standard": str(standard.status)}
    ballot.status = next_ballot_status(ballot.status, action)
    ballot.closed_at = utcnow()
    ballot.closed_by_id = actor_id
    ballot.close_reason = reason
    standard.status = next_status(standard.status, STANDARD_ACTION_FOR[ballot.status])
    db.session.flush()
    record(
        f"ballot.{ballot.status}",
        actor_id=actor_id,
        subject_type="ballot",
        subject_id=ballot.id,
        committee_id=standard.committee_id,
        standard_id=standard.id,
        before=before,
        after={"ballot": str(ballot.status), "standard": str(standard.status)},
        reason=reason,
    )
    events.ballot_closed.send(standard, ballot=ballot)


def close_ballot(actor: Actor, ballot_id: int) -> Verdict:
    """Close the ballot: passed when the consensus rule holds, failed otherwise (chair only)."""
    ballot = get_ballot(ballot_id, lock=True)
    if not permissions.can_run_ballots(actor, ballot.standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may close a ballot."))
    if ballot.status != BallotStatus.OPEN:
        raise Conflict(N_("This ballot is closed."))
    result = verdict(ballot)
    action = BallotAction.CLOSE_PASSED if result.passed else BallotAction.CLOSE_FAILED
    _close(ballot, action, actor.user_id, "")
    return result


def cancel_ballot(actor: Actor, ballot_id: int, reason: str = "") -> Ballot:
    """Cancel an open ballot (chair only)."""
    ballot = get_ballot(ballot_id, lock=True)
    if not permissions.can_run_ballots(actor, ballot.standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may cancel a ballot."))
    if ballot.status != BallotStatus.OPEN:
        raise Conflict(N_("This ballot is closed."))
    _close(ballot, BallotAction.CANCEL, actor.user_id, (reason or "").strip())
    return ballot


@events.revision_saved.connect
def _mark_ballot_stale(standard: Standard, revision: Revision, **_) -> None:
    """A new revision makes the open ballot stale: the vote was on other text."""
    ballot = open_ballot_of(standard.id)
    if ballot is not None and ballot.revision_id != revision.id:
        _close(ballot, BallotAction.MARK_STALE, revision.author_id, f"revision {revision.number}")
