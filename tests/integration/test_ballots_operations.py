"""Ballot operations against the database: opening, voting, closing, staleness, the rule."""

import datetime as dt

import pytest
from psycopg.errors import DeadlockDetected
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from tests.ballot_factories import (
    actor,
    approved,
    audit_actions,
    counts,
    draft,
    everyone_approves,
    new_revision,
    open_on,
    published,
    vote,
)
from wiki import events
from wiki.audit.models import AuditEntry
from wiki.ballots import operations as ballots
from wiki.ballots import queries
from wiki.ballots.consensus import PRESETS, Position, Unmet
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot, Vote, VoteChange
from wiki.committees.models import Membership
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed, StaleBallot
from wiki.extensions import db
from wiki.http import unit_of_work
from wiki.roles import StakeholderGroup
from wiki.standards.lifecycle import StandardStatus

P = Position


@pytest.fixture
def standard(s):
    return draft(s)


@pytest.fixture
def ballot(s, standard):
    return open_on(s, standard)


def test_chair_opens_a_ballot_on_the_current_revision(s, standard):
    head = standard.head_revision
    ballot = open_on(s, standard)
    assert ballot.status is BallotStatus.OPEN
    assert ballot.revision_id == head.id
    assert standard.status is StandardStatus.BALLOT
    assert ballot.rule == PRESETS["per_group"].to_dict()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "ballot.opened"))
    assert entry.actor_id == s.chair.id
    assert entry.before == {"status": "draft"}
    assert entry.after == {"status": "ballot", "revision": head.number}


@pytest.mark.parametrize("who", ["union", "observer", "admin", "outsider"])
def test_only_the_chair_opens_a_ballot(s, standard, who):
    before = counts()
    with pytest.raises(NotAllowed):
        ballots.open_ballot(actor(s[who]), standard.id)
    assert counts() == before
    assert standard.status is StandardStatus.DRAFT


def test_a_second_ballot_cannot_open_while_one_is_open(s, standard, ballot):
    before = counts()
    with pytest.raises(Conflict, match="already open"):
        open_on(s, standard)
    assert counts() == before


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (StandardStatus.CONSULTATION, "consultation is open"),
        (StandardStatus.APPROVED, "already approved"),
        (StandardStatus.PUBLISHED, "already published"),
        (StandardStatus.WITHDRAWN, "withdrawn"),
    ],
)
def test_a_ballot_opens_only_on_a_draft(s, standard, status, words):
    standard.status = status
    db.session.flush()
    before = counts()
    with pytest.raises(Conflict, match=words):
        open_on(s, standard)
    assert counts() == before
    assert standard.status is status


def test_a_ballot_does_not_open_on_a_revision_the_chair_has_not_read(s, standard):
    read = standard.head_revision.number
    new_revision(s, standard)
    before = counts()
    with pytest.raises(Conflict, match="was saved after the revision you looked at") as caught:
        open_on(s, standard, revision_number=read)
    assert caught.value.details == {"head": 2}
    assert counts() == before
    assert open_on(s, standard, revision_number=2).revision.number == 2


@pytest.mark.parametrize(
    "closes_at",
    [utcnow() - dt.timedelta(minutes=1), dt.datetime(2099, 1, 1), "2099-01-01"],
    ids=["past", "naive", "text"],
)
def test_a_bad_closing_date_is_refused(s, standard, closes_at):
    with pytest.raises(InvalidInput):
        open_on(s, standard, closes_at=closes_at)
    assert standard.status is StandardStatus.DRAFT
    assert db.session.scalar(select(Ballot.id)) is None


def test_changing_position_keeps_one_vote_and_logs_every_change(s, ballot):
    vote(s.union, ballot, P.APPROVE)
    vote(s.union, ballot, P.OBJECT, "El criterio 2 no es medible.")
    vote(s.union, ballot, P.APPROVE_WITH_COMMENTS, "Ya es medible; gracias.")
    votes = db.session.scalars(select(Vote).where(Vote.ballot_id == ballot.id)).all()
    assert [(v.user_id, v.position) for v in votes] == [(s.union.id, P.APPROVE_WITH_COMMENTS)]
    assert votes[0].stakeholder_group is StakeholderGroup.UNION
    log = db.session.scalars(select(VoteChange).order_by(VoteChange.id)).all()
    assert [(c.position, c.reason) for c in log] == [
        (P.APPROVE, ""),
        (P.OBJECT, "El criterio 2 no es medible."),
        (P.APPROVE_WITH_COMMENTS, "Ya es medible; gracias."),
    ]
    entries = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "ballot.position_cast")
        .order_by(AuditEntry.id)
    ).all()
    assert [e.before and e.before["position"] for e in entries] == [
        None,
        "approve",
        "object",
    ]
    assert entries[1].reason == "El criterio 2 no es medible."
    assert {e.after["revision"] for e in entries} == {1}


def test_casting_the_same_position_again_changes_nothing(s, ballot):
    vote(s.union, ballot, P.APPROVE)
    before = counts()
    vote(s.union, ballot, P.APPROVE)
    assert counts() == before


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_objection_without_a_reason_is_refused(s, ballot, reason):
    vote(s.union, ballot, P.APPROVE)
    before = counts()
    with pytest.raises(InvalidInput, match="must give a reason") as caught:
        vote(s.union, ballot, P.OBJECT, reason)
    assert caught.value.details["field"] == "reason"
    assert counts() == before
    assert db.session.scalar(select(Vote.position)) is P.APPROVE


def test_an_overlong_reason_is_refused(s, ballot):
    with pytest.raises(InvalidInput, match="longer than"):
        vote(s.union, ballot, P.OBJECT, "x" * (ballots.MAX_REASON_CHARS + 1))
    assert db.session.scalar(select(Vote.id)) is None


def test_an_unknown_position_is_refused(s, ballot):
    with pytest.raises(InvalidInput):
        vote(s.union, ballot, "veto")
    assert db.session.scalar(select(Vote.id)) is None


@pytest.mark.parametrize("who", ["observer", "admin", "outsider", "non_voting_member"])
def test_only_voting_members_vote(s, ballot, who):
    if who == "non_voting_member":
        db.session.execute(
            Membership.__table__.update()
            .where(Membership.user_id == s.government.id)
            .values(can_vote=False)
        )
        user = s.government
    else:
        user = s[who]
    with pytest.raises(NotAllowed):
        vote(user, ballot, P.APPROVE)
    assert db.session.scalar(select(Vote.id)) is None


@pytest.mark.parametrize("ending", ["close", "cancel"])
def test_voting_on_a_closed_ballot_is_refused(s, ballot, ending):
    vote(s.union, ballot, P.OBJECT, "Falta el elemento 2.")
    if ending == "close":
        ballots.close_ballot(actor(s.chair), ballot.id)
    else:
        ballots.cancel_ballot(actor(s.chair), ballot.id)
    before = counts()
    with pytest.raises(Conflict, match="closed"):
        vote(s.union, ballot, P.APPROVE)
    assert counts() == before


def test_voting_after_the_closing_date_is_refused(s, ballot):
    ballot.closes_at = utcnow() - dt.timedelta(seconds=1)
    db.session.flush()
    with pytest.raises(Conflict, match="Voting on this ballot has ended"):
        vote(s.union, ballot, P.APPROVE)


def test_a_new_revision_makes_the_open_ballot_stale(s, standard, ballot):
    vote(s.union, ballot, P.APPROVE)
    new_revision(s, standard, author=s.education)
    assert ballot.status is BallotStatus.STALE
    assert standard.status is StandardStatus.DRAFT
    assert ballot.closed_by_id == s.education.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "ballot.stale"))
    assert entry.after["revision"] == 1
    assert entry.after["new_revision"] == 2
    assert entry.after["status"] == "draft"
    with pytest.raises(StaleBallot, match="stale"):
        vote(s.government, ballot, P.APPROVE)
    with pytest.raises(StaleBallot):
        ballots.close_ballot(actor(s.chair), ballot.id)
    again = open_on(s, standard)
    assert again.revision.number == 2


def test_an_objector_withdraws_the_objection_by_changing_position(s, ballot):
    everyone_approves(s, ballot)
    vote(s.government, ballot, P.OBJECT, "Falta la norma oficial aplicable.")
    assert Unmet("open_objections", needed=0, have=1, user_ids=(s.government.id,)) in (
        queries.live_verdict(ballot).unmet
    )
    vote(s.government, ballot, P.APPROVE)
    assert queries.live_verdict(ballot).passed


def test_closing_when_the_rule_holds_passes_and_approves_the_standard(s, standard, ballot):
    everyone_approves(s, ballot)
    result = ballots.close_ballot(actor(s.chair), ballot.id)
    assert result.passed
    assert ballot.status is BallotStatus.PASSED
    assert standard.status is StandardStatus.APPROVED
    assert ballot.closed_by_id == s.chair.id
    assert ballot.outcome["passed"] is True
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "ballot.passed"))
    assert entry.before == {"ballot": "open", "status": "ballot"}
    assert entry.after["status"] == "approved" and entry.after["unmet"] == []


def test_closing_without_a_union_approval_fails_and_says_why(s, standard, ballot):
    for user in (s.chair, s.education, s.government):
        vote(user, ballot, P.APPROVE)
    vote(s.union, ballot, P.ABSTAIN)
    result = ballots.close_ballot(actor(s.chair), ballot.id)
    assert not result.passed
    assert ballot.status is BallotStatus.FAILED
    assert standard.status is StandardStatus.DRAFT
    assert ballot.outcome["unmet"] == [
        {"code": "missing_group_approval", "group": "union", "needed": 1, "have": 0, "user_ids": []}
    ]
    assert audit_actions(standard.id)[-1] == "ballot.failed"


@pytest.mark.parametrize("who", ["union", "observer", "admin", "outsider"])
@pytest.mark.parametrize("operation", ["close", "cancel"])
def test_only_the_chair_closes_or_cancels(s, ballot, who, operation):
    before = counts()
    with pytest.raises(NotAllowed):
        if operation == "close":
            ballots.close_ballot(actor(s[who]), ballot.id)
        else:
            ballots.cancel_ballot(actor(s[who]), ballot.id, "no")
    assert counts() == before
    assert ballot.status is BallotStatus.OPEN


def test_cancelling_records_the_reason_and_returns_to_draft(s, standard, ballot):
    ballots.cancel_ballot(actor(s.chair), ballot.id, "  Falta revisar la ortografía.  ")
    assert ballot.status is BallotStatus.CANCELLED
    assert ballot.close_reason == "Falta revisar la ortografía."
    assert standard.status is StandardStatus.DRAFT
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "ballot.cancelled"))
    assert entry.reason == "Falta revisar la ortografía."


def test_a_closed_ballot_keeps_the_verdict_it_closed_with(s, ballot):
    everyone_approves(s, ballot)
    ballots.close_ballot(actor(s.chair), ballot.id)
    db.session.execute(
        Membership.__table__.update().where(Membership.user_id == s.union.id).values(can_vote=False)
    )
    db.session.expire_all()
    kept = queries.verdict(db.session.get(Ballot, ballot.id))
    assert kept.passed
    assert kept.tally.group(StakeholderGroup.UNION).approvals == 1


def test_an_open_ballot_counts_the_committee_as_it_is_now(s, ballot):
    everyone_approves(s, ballot)
    assert queries.verdict(ballot).tally.approvals == 4
    db.session.execute(
        Membership.__table__.update().where(Membership.user_id == s.union.id).values(can_vote=False)
    )
    live = queries.verdict(ballot)
    assert live.tally.approvals == 3
    assert StakeholderGroup.UNION not in dict(live.tally.by_group)
    summary = queries.summarise(ballot, s.chair.id)
    assert [row.user_id for row in summary.uncounted] == [s.union.id]
    assert summary.my_vote.position is P.APPROVE


def test_when_authors_may_not_approve_an_authors_approval_does_not_count(s):
    s.committee.consensus_rule = {"authors_may_approve": False}
    standard = draft(s, author=s.union)
    ballot = open_on(s, standard)
    everyone_approves(s, ballot)
    result = ballots.close_ballot(actor(s.chair), ballot.id)
    assert not result.passed
    assert result.unmet == (
        Unmet("missing_group_approval", group=StakeholderGroup.UNION, needed=1, have=0),
    )


def test_authors_of_a_new_edition_are_those_since_the_last_edition(s):
    standard, _ = published(s)
    new_revision(s, standard, author=s.government)
    ballot = open_on(s, standard)
    assert queries.balloted_authors(ballot) == {s.government.id}


def test_ballots_past_their_closing_date_close_on_their_verdict(s):
    due = open_on(s, draft(s, title="Vence hoy"), closes_at=utcnow() + dt.timedelta(hours=1))
    later = open_on(s, draft(s, title="Vence luego"), closes_at=utcnow() + dt.timedelta(days=5))
    everyone_approves(s, due)
    now = utcnow() + dt.timedelta(hours=2)
    assert queries.due_ballot_ids(now) == [due.id]
    assert ballots.close_due_ballot(due.id, now).passed
    assert due.status is BallotStatus.PASSED and due.closed_by_id is None
    assert ballots.close_due_ballot(later.id, now) is None
    assert ballots.close_due_ballot(due.id, now) is None
    assert later.status is BallotStatus.OPEN
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "ballot.passed"))
    assert entry.actor_id is None


def test_closing_soon_is_announced_once_per_ballot(s):
    soon = open_on(s, draft(s, title="Pronto"), closes_at=utcnow() + dt.timedelta(hours=30))
    open_on(s, draft(s, title="Lejos"), closes_at=utcnow() + dt.timedelta(hours=60))
    open_on(s, draft(s, title="Sin fecha"))
    heard = []

    def listener(standard, ballot, **_):
        heard.append(ballot.id)

    with events.ballot_closing_soon.connected_to(listener):
        ballots.remind_closing_soon()
        ballots.remind_closing_soon()
    assert heard == [soon.id]
    assert soon.closing_reminder_sent_at is not None


def test_the_close_due_command_closes_and_reports(app, s):
    ballot = open_on(s, draft(s), closes_at=utcnow() + dt.timedelta(hours=1))
    ballot.closes_at = utcnow() - dt.timedelta(minutes=5)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["ballots", "close-due"])
    assert result.exit_code == 0, result.output
    assert f"Closed ballot {ballot.id}: failed." in result.output
    db.session.expire_all()
    assert db.session.get(Ballot, ballot.id).status is BallotStatus.FAILED


def test_the_chair_sets_a_custom_rule_and_open_ballots_keep_theirs(s, ballot):
    rule = ballots.set_consensus_rule(
        actor(s.chair), s.committee.id, {"preset": "iso", "supermajority": "3/4"}
    )
    assert s.committee.consensus_rule == rule.to_dict()
    assert s.committee.consensus_rule["supermajority"] == "3/4"
    assert ballot.rule == PRESETS["per_group"].to_dict()
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "committee.consensus_rule_changed")
    )
    assert entry.after["supermajority"] == "3/4"


def test_an_admin_sets_the_rule_too(s):
    ballots.set_consensus_rule(actor(s.admin), s.committee.id, {"preset": "simple_majority"})
    assert s.committee.consensus_rule == PRESETS["simple_majority"].to_dict()


@pytest.mark.parametrize("who", ["union", "observer", "outsider"])
def test_only_the_chair_or_an_admin_sets_the_rule(s, who):
    before = counts()
    with pytest.raises(NotAllowed):
        ballots.set_consensus_rule(actor(s[who]), s.committee.id, {"preset": "iso"})
    assert s.committee.consensus_rule == {}
    assert counts() == before


def test_an_impossible_rule_is_refused_naming_the_field(s):
    with pytest.raises(InvalidInput) as caught:
        ballots.set_consensus_rule(actor(s.chair), s.committee.id, {"supermajority": "40%"})
    assert caught.value.details["field"] == "supermajority"
    assert s.committee.consensus_rule == {}


def test_the_rule_of_an_archived_committee_cannot_change(s):
    s.committee.archived_at = utcnow()
    db.session.flush()
    with pytest.raises((Conflict, NotAllowed)):
        ballots.set_consensus_rule(actor(s.admin), s.committee.id, {"preset": "iso"})
    assert s.committee.consensus_rule == {}


def test_a_passed_ballot_lapses_when_the_approved_text_changes(s):
    standard, ballot = approved(s)
    new_revision(s, standard)
    assert standard.status is StandardStatus.DRAFT
    assert ballot.status is BallotStatus.PASSED
    assert queries.passed_ballot_on(standard.head_revision_id) is None


def test_the_close_due_command_runs_a_close_again_when_the_database_aborts_it(
    app, s, monkeypatch
):
    ballot = open_on(s, draft(s), closes_at=utcnow() + dt.timedelta(hours=1))
    ballot.closes_at = utcnow() - dt.timedelta(minutes=5)
    db.session.commit()
    close_due, attempts = ballots.close_due_ballot, []

    def aborted_once(ballot_id, now):
        attempts.append(ballot_id)
        result = close_due(ballot_id, now)
        if len(attempts) == 1:  # as when a vote held the ballot and the database chose this
            raise OperationalError("SELECT … FOR NO KEY UPDATE", {}, DeadlockDetected("deadlock"))
        return result

    monkeypatch.setattr(ballots, "close_due_ballot", aborted_once)
    monkeypatch.setattr(unit_of_work, "PAUSE_SECONDS", 0)
    result = app.test_cli_runner().invoke(args=["ballots", "close-due"])
    assert result.exit_code == 0, result.output
    assert attempts == [ballot.id, ballot.id]
    assert f"Closed ballot {ballot.id}: failed." in result.output
    db.session.expire_all()
    assert db.session.get(Ballot, ballot.id).status is BallotStatus.FAILED
