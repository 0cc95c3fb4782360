"""Reading ballots: voters, verdicts, and what the ballot pages and the standard's panel show.

Callers check that the viewer may read the standard's drafts (``can_read_drafts``) first; ballots
are committee business.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wiki.accounts.models import User
from wiki.ballots.consensus import (
    DEFAULT_RULE,
    ConsensusRule,
    GroupTally,
    Position,
    Verdict,
    Voter,
    evaluate,
    preset_of,
)
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot, Vote, VoteChange
from wiki.ballots.outcome import verdict_from_dict
from wiki.ballots.rule_settings import rule_from_settings
from wiki.committees.models import Committee, Membership
from wiki.db import utcnow
from wiki.errors import DomainError
from wiki.extensions import db
from wiki.permissions import Actor
from wiki.roles import VOTING_GROUPS, StakeholderGroup
from wiki.standards.models import Revision, Standard
from wiki.standards.queries import RECENT_LIMIT, where_drafts_readable


def committee_rule(committee: Committee) -> ConsensusRule:
    """The committee's consensus rule (the product default when none is set)."""
    return rule_from_settings(committee.consensus_rule or {})


@dataclass(frozen=True)
class RuleSummary:
    """The committee's consensus rule, the preset it matches (if any), and whether it is valid."""

    rule: ConsensusRule
    preset: str | None
    valid: bool = True


def rule_summary(committee: Committee) -> RuleSummary:
    """The committee's rule ({} stored means the default); a damaged stored rule shows as such."""
    try:
        rule = committee_rule(committee)
    except DomainError:
        return RuleSummary(DEFAULT_RULE, None, valid=False)
    return RuleSummary(rule, preset_of(rule))


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
    # The current edition is the newest one published (withdrawal keeps it as current), and
    # reaching it through the standard keeps ballots from importing publication.
    last_edition = ballot.standard.current_edition
    since = last_edition.revision.number if last_edition is not None else None
    query = select(Revision.author_id).where(
        Revision.standard_id == ballot.standard_id,
        Revision.number <= ballot.revision.number,
    )
    if since is not None:
        query = query.where(Revision.number > since)
    return set(db.session.execute(query.distinct()).scalars())


def live_verdict(ballot: Ballot) -> Verdict:
    """Evaluate the ballot's rule over the committee's current voters and their positions."""
    rule = rule_from_settings(ballot.rule)
    # Read from the table, not ``ballot.votes``: a collection loaded earlier in a long session
    # (the cron job's) could miss votes cast since.
    rows = db.session.execute(
        select(Vote.user_id, Vote.position).where(Vote.ballot_id == ballot.id)
    )
    positions = {user_id: position for user_id, position in rows}
    return evaluate(
        rule, voters_of(ballot.standard.committee_id), positions, balloted_authors(ballot)
    )


def verdict(ballot: Ballot) -> Verdict:
    """The verdict as it stands: evaluated live while open, as recorded once closed."""
    if ballot.status != BallotStatus.OPEN and ballot.outcome:
        return verdict_from_dict(ballot.outcome)
    return live_verdict(ballot)


def open_ballot_of(standard_id: int) -> Ballot | None:
    return db.session.execute(
        select(Ballot).where(Ballot.standard_id == standard_id, Ballot.status == BallotStatus.OPEN)
    ).scalar_one_or_none()


def due_ballot_ids(now: dt.datetime) -> list[int]:
    """Open ballots whose closing date has passed, the longest overdue first."""
    return list(
        db.session.scalars(
            select(Ballot.id)
            .where(Ballot.status == BallotStatus.OPEN, Ballot.closes_at <= now)
            .order_by(Ballot.closes_at, Ballot.id)
        )
    )


def ballots_of(standard_id: int) -> list[Ballot]:
    """Every ballot on the standard, newest first."""
    return list(
        db.session.execute(
            select(Ballot)
            .options(joinedload(Ballot.revision), joinedload(Ballot.opened_by))
            .where(Ballot.standard_id == standard_id)
            .order_by(Ballot.id.desc())
        ).scalars()
    )


def latest_ballot_of(standard_id: int) -> Ballot | None:
    """The newest ballot on the standard: the open one, if any, since a ballot opens only when
    none is open."""
    return db.session.execute(
        select(Ballot).where(Ballot.standard_id == standard_id).order_by(Ballot.id.desc()).limit(1)
    ).scalar_one_or_none()


def passed_ballot_on(revision_id: int) -> Ballot | None:
    """The latest ballot that passed on exactly this revision, if any."""
    return db.session.execute(
        select(Ballot)
        .where(Ballot.revision_id == revision_id, Ballot.status == BallotStatus.PASSED)
        .order_by(Ballot.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def votes_by(actor: Actor, user_id: int, limit: int = RECENT_LIMIT) -> list[Vote]:
    """A person's latest votes, on the standards whose drafts the actor may read."""
    query = (
        select(Vote)
        .join(Ballot, Vote.ballot_id == Ballot.id)
        .join(Standard, Ballot.standard_id == Standard.id)
        .options(
            joinedload(Vote.ballot)
            .load_only(Ballot.id, Ballot.standard_id)
            .joinedload(Ballot.standard)
            .load_only(Standard.id, Standard.title)
        )
        .where(Vote.user_id == user_id)
        .order_by(Vote.cast_at.desc(), Vote.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(where_drafts_readable(query, actor)))


def display_names(user_ids) -> dict[int, str]:
    ids = set(user_ids)
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids)))
    return {user_id: name for user_id, name in rows}


@dataclass(frozen=True)
class VoterRow:
    """One person on the ballot: a current voter, or someone whose recorded vote is not counted."""

    user_id: int
    name: str
    group: StakeholderGroup
    position: Position | None
    reason: str = ""
    cast_at: dt.datetime | None = None


@dataclass(frozen=True)
class GroupRow:
    """A stakeholder group's counts and voters, as the ballot panel lists them."""

    group: StakeholderGroup
    #: whether the rule asks this group for approvals
    required: bool
    tally: GroupTally
    voters: tuple[VoterRow, ...]


@dataclass(frozen=True)
class BallotSummary:
    """What a ballot page shows: the verdict, the groups, and the viewer's own vote."""

    ballot: Ballot
    rule: ConsensusRule
    verdict: Verdict
    groups: tuple[GroupRow, ...]
    #: votes recorded by people who are no longer voting members (not counted)
    uncounted: tuple[VoterRow, ...]
    names: dict[int, str]
    my_vote: Vote | None
    #: the closing date has passed but the ballot is not closed yet
    voting_ended: bool

    @property
    def is_open(self) -> bool:
        return self.ballot.status == BallotStatus.OPEN


def summarise(ballot: Ballot, viewer_id: int | None) -> BallotSummary:
    """Everything the ballot panel and page show about ``ballot``."""
    rule = rule_from_settings(ballot.rule)
    votes = {vote.user_id: vote for vote in ballot.votes}
    if ballot.status == BallotStatus.OPEN:
        voters = voters_of(ballot.standard.committee_id)
        result = evaluate(
            rule, voters, {u: v.position for u, v in votes.items()}, balloted_authors(ballot)
        )
    else:
        result = verdict(ballot)
        voters = [Voter(v.user_id, v.stakeholder_group) for v in votes.values()]
    names = display_names(
        [v.user_id for v in voters]
        + list(votes)
        + [u for unmet in result.unmet for u in unmet.user_ids]
    )

    def row(user_id: int, group: StakeholderGroup) -> VoterRow:
        vote = votes.get(user_id)
        return VoterRow(
            user_id=user_id,
            name=names.get(user_id, "?"),
            group=group,
            position=vote.position if vote else None,
            reason=vote.reason if vote else "",
            cast_at=vote.cast_at if vote else None,
        )

    required = rule.group_requirement.active
    groups = tuple(
        GroupRow(
            group=group,
            required=required and group in VOTING_GROUPS,
            tally=counts,
            voters=tuple(
                sorted(
                    (row(v.user_id, v.group) for v in voters if v.group == group),
                    key=lambda r: r.name.casefold(),
                )
            ),
        )
        for group, counts in result.tally.by_group
    )
    voter_ids = {v.user_id for v in voters}
    uncounted = tuple(
        row(user_id, vote.stakeholder_group)
        for user_id, vote in votes.items()
        if user_id not in voter_ids
    )
    closes_at = ballot.closes_at
    return BallotSummary(
        ballot=ballot,
        rule=rule,
        verdict=result,
        groups=groups,
        uncounted=uncounted,
        names=names,
        my_vote=votes.get(viewer_id) if viewer_id is not None else None,
        voting_ended=ballot.status == BallotStatus.OPEN
        and closes_at is not None
        and closes_at <= utcnow(),
    )


@dataclass(frozen=True)
class LogLine:
    """One entry of the ballot's log: a position cast or changed."""

    change: VoteChange
    name: str
    #: the voter's previous position in this ballot (None for a first vote)
    previous: Position | None


def ballot_log(ballot: Ballot) -> list[LogLine]:
    """Every position cast in the ballot, oldest first, with the position it replaced."""
    changes = db.session.execute(
        select(VoteChange)
        .options(joinedload(VoteChange.user))
        .where(VoteChange.ballot_id == ballot.id)
        .order_by(VoteChange.id)
    ).scalars()
    lines, last = [], {}
    for change in changes:
        lines.append(LogLine(change, change.user.display_name, last.get(change.user_id)))
        last[change.user_id] = change.position
    return lines
