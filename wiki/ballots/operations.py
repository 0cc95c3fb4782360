"""Ballots: opening, casting positions, closing, marking them stale, and the committee's rule.

Each function takes the actor, re-checks permission, locks what it changes,
calls the pure rules (``consensus``, ``lifecycle``), writes the audit entry and
flushes; the caller commits. Locks follow the order of ``wiki.locks``, the standard
before its ballot, as ``save_revision`` does, so a save, a vote and a close never deadlock.
"""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from wiki import events, permissions
from wiki.audit.operations import record_change
from wiki.ballots.consensus import ConsensusRule, Position, Verdict
from wiki.ballots.lifecycle import (
    STANDARD_ACTION_FOR,
    BallotAction,
    BallotStatus,
    next_ballot_status,
)
from wiki.ballots.models import Ballot, Vote, VoteChange
from wiki.ballots.outcome import verdict_to_dict
from wiki.ballots.queries import committee_rule, live_verdict, open_ballot_of
from wiki.ballots.rule_settings import rule_from_settings
from wiki.committees.operations import lock_committee
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed, StaleBallot
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.standards.lifecycle import StandardAction, StandardStatus, next_status
from wiki.standards.models import Revision, Standard
from wiki.standards.operations import lock_standard
from wiki.standards.placeholders import check_template_text
from wiki.standards.structure import Structure

#: longest reason or comment kept with a position or a cancellation
MAX_REASON_CHARS = 5000
#: what a ballot id that names no ballot is told
NO_SUCH_BALLOT = N_("No such ballot.")
#: how long before its closing date a ballot counts as closing soon
CLOSING_SOON = dt.timedelta(hours=48)

#: why a ballot cannot open, by the standard's status (a draft can always be balloted)
_NOT_BALLOTABLE = {
    StandardStatus.CONSULTATION: N_(
        "A public consultation is open on this standard. Close it before opening a ballot."
    ),
    StandardStatus.APPROVED: N_(
        "The current revision is already approved and waits for publication. Save a change to "
        "start the next edition's draft."
    ),
    StandardStatus.PUBLISHED: N_(
        "The current revision is already published. Save a change to start a new draft."
    ),
    StandardStatus.WITHDRAWN: N_("This standard was withdrawn; it can no longer be balloted."),
}


def lock_ballot(ballot_id: int) -> Ballot:
    """The ballot locked after its standard, as ``wiki.locks`` orders them.

    A vote locks the standard too: its audit entry refers to the standard, which would
    otherwise be locked after the ballot, the other way round from a close or a save.
    No key of either row changes, so both are ``FOR NO KEY UPDATE``.
    """
    return lock_row(Ballot, ballot_id, NO_SUCH_BALLOT, standard_first=True, key_share=True)


def _check_closes_at(closes_at: dt.datetime | None) -> None:
    if closes_at is None:
        return
    if not isinstance(closes_at, dt.datetime) or closes_at.tzinfo is None:
        raise InvalidInput(N_("The closing date is not a valid date."))
    if closes_at <= utcnow():
        raise InvalidInput(N_("The closing date must be in the future."))


def open_ballot(
    actor: Actor,
    standard_id: int,
    *,
    closes_at: dt.datetime | None = None,
    revision_number: int | None = None,
    template_text_accepted: bool = False,
) -> Ballot:
    """Open a ballot on the standard's current revision (chair only; one open ballot at a time).

    ``revision_number`` is the revision the chair saw; if another was saved since, the ballot is
    refused (``Conflict``) rather than opened on text the chair has not read. A revision that
    still holds template text or lacks a required part (``wiki.standards.placeholders``) is
    balloted only when the chair says so (``template_text_accepted``); otherwise
    ``InvalidInput`` on the field ``template_text_accepted``.
    """
    standard = lock_standard(standard_id)
    if not permissions.can_run_ballots(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may open a ballot."))
    if open_ballot_of(standard.id) is not None:
        raise Conflict(N_("A ballot is already open on this standard."))
    if standard.status in _NOT_BALLOTABLE:
        raise Conflict(_NOT_BALLOTABLE[standard.status])
    events.ballot_opening.send(standard)  # consultations closed, their comments disposed
    head = standard.head_revision
    if revision_number is not None and revision_number != head.number:
        raise Conflict(
            N_(
                "Revision %(head)s was saved after the revision you looked at. Read it before "
                "opening a ballot."
            ),
            head=head.number,
        )
    if not template_text_accepted and not check_template_text(
        head.body_markdown, Structure.from_dict(head.structure)
    ).passed:
        raise InvalidInput(
            N_(
                "Revision %(number)s still holds template text or lacks a required part. Fix it, "
                "or confirm that the committee should vote on it as it is."
            ),
            number=head.number,
            field="template_text_accepted",
        )
    _check_closes_at(closes_at)
    before = standard.status
    standard.status = next_status(standard.status, StandardAction.OPEN_BALLOT)
    ballot = Ballot(
        standard_id=standard.id,
        revision_id=head.id,
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
    record_change(
        actor, "ballot.opened", ballot,
        before={"status": str(before)},
        after={"status": str(standard.status), "revision": head.number},
    )
    events.ballot_opened.send(standard, ballot=ballot)
    return ballot


def _check_voting_open(ballot: Ballot, standard: Standard) -> None:
    if ballot.status == BallotStatus.STALE:
        raise StaleBallot(
            N_(
                "The text changed after this ballot opened on revision %(number)s, so the ballot "
                "is stale and takes no more votes. The chair can open a new ballot."
            ),
            number=ballot.revision.number,
        )
    if ballot.status != BallotStatus.OPEN:
        raise Conflict(N_("This ballot is closed; positions can no longer be cast or changed."))
    if ballot.revision_id != standard.head_revision_id:
        raise StaleBallot(
            N_("The text changed after this ballot opened on revision %(number)s."),
            number=ballot.revision.number,
        )
    if ballot.closes_at is not None and ballot.closes_at <= utcnow():
        raise Conflict(N_("Voting on this ballot has ended; the chair will close it."))


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(
            N_("The reason is longer than %(limit)d characters."),
            limit=MAX_REASON_CHARS,
            field="reason",
        )
    return reason


def cast_position(actor: Actor, ballot_id: int, position: Position | str, reason: str = "") -> Vote:
    """Record the actor's position, replacing an earlier one (kept in the log).

    Raises ``NotAllowed`` for non-voters, ``InvalidInput`` for an objection without a
    reason, ``Conflict`` on a closed ballot and ``StaleBallot`` when the text changed.
    Casting the same position and reason again changes nothing.
    """
    ballot = lock_ballot(ballot_id)
    standard = ballot.standard
    if not permissions.can_vote(actor, standard.committee_id):
        raise NotAllowed(N_("Only voting members of the committee may vote."))
    _check_voting_open(ballot, standard)
    try:
        position = Position(position)
    except ValueError as exc:
        raise InvalidInput(N_("Choose one of the positions offered.")) from exc
    reason = _clean_reason(reason)
    if position == Position.OBJECT and not reason:
        raise InvalidInput(
            N_("An objection must give a reason: say what has to change for you to approve."),
            field="reason",
        )
    seat = actor.seat(standard.committee_id)
    vote = db.session.execute(
        select(Vote).where(Vote.ballot_id == ballot.id, Vote.user_id == actor.user_id)
    ).scalar_one_or_none()
    if vote is not None and vote.position == position and vote.reason == reason:
        return vote
    before = {"position": str(vote.position), "reason": vote.reason} if vote else None
    if vote is None:
        vote = Vote(ballot_id=ballot.id, user_id=actor.user_id)
        db.session.add(vote)
    now = utcnow()
    vote.position = position
    vote.reason = reason
    vote.stakeholder_group = seat.group
    vote.cast_at = now
    db.session.add(
        VoteChange(
            ballot_id=ballot.id,
            user_id=actor.user_id,
            position=position,
            reason=reason,
            cast_at=now,
        )
    )
    db.session.flush()
    record_change(
        actor, "ballot.position_cast", ballot,
        before=before, after={"position": str(position), "revision": ballot.revision.number},
        reason=reason,
    )
    db.session.expire(ballot, ["votes"])
    return vote


def _close(
    ballot: Ballot,
    action: BallotAction,
    actor_id: int | None,
    *,
    reason: str = "",
    result: Verdict | None = None,
    extra: Mapping[str, object] | None = None,
) -> Verdict:
    """Move an open ballot and its standard to their closed statuses, keeping the verdict."""
    standard = ballot.standard
    result = result or live_verdict(ballot)
    before = {"ballot": str(ballot.status), "status": str(standard.status)}
    ballot.status = next_ballot_status(ballot.status, action)
    ballot.closed_at = utcnow()
    ballot.closed_by_id = actor_id
    ballot.close_reason = reason
    ballot.outcome = verdict_to_dict(result)
    standard.status = next_status(standard.status, STANDARD_ACTION_FOR[ballot.status])
    if ballot.status == BallotStatus.PASSED:
        # What publication takes, whatever is saved after it, until the next ballot passes.
        standard.approved_revision_id = ballot.revision_id
    db.session.flush()
    record_change(
        actor_id, f"ballot.{ballot.status}", ballot,
        before=before,
        after={
            "ballot": str(ballot.status),
            "status": str(standard.status),
            "revision": ballot.revision.number,
            "unmet": sorted({u.code for u in result.unmet}),
            **(extra or {}),
        },
        reason=reason,
    )
    events.ballot_closed.send(standard, ballot=ballot)
    return result


def _check_open(ballot: Ballot) -> None:
    if ballot.status == BallotStatus.STALE:
        raise StaleBallot(N_("The text changed after this ballot opened; it is already closed."))
    if ballot.status != BallotStatus.OPEN:
        raise Conflict(N_("This ballot is already closed."))


def close_ballot(actor: Actor, ballot_id: int) -> Verdict:
    """Close the ballot: passed when the consensus rule holds, failed otherwise (chair only)."""
    ballot = lock_ballot(ballot_id)
    if not permissions.can_run_ballots(actor, ballot.standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may close a ballot."))
    _check_open(ballot)
    return _close_on_verdict(ballot, actor.user_id)


def _close_on_verdict(ballot: Ballot, actor_id: int | None) -> Verdict:
    result = live_verdict(ballot)
    action = BallotAction.CLOSE_PASSED if result.passed else BallotAction.CLOSE_FAILED
    return _close(ballot, action, actor_id, result=result)


def cancel_ballot(actor: Actor, ballot_id: int, reason: str = "") -> Ballot:
    """Cancel an open ballot (chair only); the standard returns to draft."""
    ballot = lock_ballot(ballot_id)
    if not permissions.can_run_ballots(actor, ballot.standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may cancel a ballot."))
    _check_open(ballot)
    _close(ballot, BallotAction.CANCEL, actor.user_id, reason=_clean_reason(reason))
    return ballot


def close_due_ballot(ballot_id: int, now: dt.datetime | None = None) -> Verdict | None:
    """Close one ballot whose closing date has passed, on its verdict (a step of the cron job).

    Returns None when the ballot is no longer open or not yet due (someone closed it, or its
    date moved, since the job listed it). The caller commits, one ballot at a time, so a ballot
    that cannot close leaves the others alone.
    """
    now = now or utcnow()
    ballot = lock_ballot(ballot_id)
    if ballot.status != BallotStatus.OPEN or ballot.closes_at is None or ballot.closes_at > now:
        return None
    return _close_on_verdict(ballot, None)


def remind_closing_soon(now: dt.datetime | None = None) -> list[Ballot]:
    """Send ``ballot_closing_soon`` once for each open ballot closing within ``CLOSING_SOON``."""
    now = now or utcnow()
    ballots = db.session.execute(
        select(Ballot)
        .where(
            Ballot.status == BallotStatus.OPEN,
            Ballot.closes_at > now,
            Ballot.closes_at <= now + CLOSING_SOON,
            Ballot.closing_reminder_sent_at.is_(None),
        )
        .order_by(Ballot.closes_at, Ballot.id)
        .with_for_update(skip_locked=True)
    ).scalars()
    reminded = []
    for ballot in ballots:
        ballot.closing_reminder_sent_at = now
        events.ballot_closing_soon.send(ballot.standard, ballot=ballot)
        reminded.append(ballot)
    db.session.flush()
    return reminded


def set_consensus_rule(
    actor: Actor, committee_id: int, settings: Mapping[str, object]
) -> ConsensusRule:
    """Replace the committee's consensus rule with one built from ``settings``.

    ``settings`` is read by ``rule_from_settings`` (a preset to start from, then any field);
    invalid values raise ``InvalidInput`` with the field in ``details["field"]``. Open ballots
    keep the rule they opened with.
    """
    committee = lock_committee(committee_id)
    if not permissions.can_set_consensus_rule(actor, committee.id):
        raise NotAllowed(
            N_("Only the committee's chair or an administrator may change its consensus rule.")
        )
    if committee.is_archived:
        raise Conflict(N_("This committee is archived; its rule can no longer change."))
    rule = rule_from_settings(settings)
    before = dict(committee.consensus_rule or {})
    after = rule.to_dict()
    if before != after:
        committee.consensus_rule = after
        db.session.flush()
        record_change(
            actor, "committee.consensus_rule_changed", committee,
            before=before, after=after,
        )
    return rule


def register_listeners() -> None:
    """Connect the listener that marks ballots stale (connecting again changes nothing)."""
    events.revision_saved.connect(_mark_ballot_stale)


def _mark_ballot_stale(standard: Standard, revision: Revision, **_) -> None:
    """A new revision makes the open ballot stale: the vote was on other text."""
    ballot = open_ballot_of(standard.id)
    if ballot is not None and ballot.revision_id != revision.id:
        _close(
            ballot,
            BallotAction.MARK_STALE,
            revision.author_id,
            extra={"new_revision": revision.number},
        )
