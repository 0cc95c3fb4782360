"""Life-cycle tables of standards, editions and ballots: every move, and nothing else."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiki.ballots.lifecycle import (
    BALLOT_TRANSITIONS,
    STANDARD_ACTION_FOR,
    BallotAction,
    BallotStatus,
    allowed_ballot_actions,
    is_closed,
    next_ballot_status,
)
from wiki.errors import InvalidTransition
from wiki.publication.lifecycle import (
    EDITION_TRANSITIONS,
    EditionAction,
    EditionStatus,
    allowed_edition_actions,
    next_edition_status,
)
from wiki.standards.lifecycle import (
    TRANSITIONS,
    StandardAction,
    StandardStatus,
    allowed_actions,
    is_terminal,
    next_status,
    publication_move,
)

S, A = StandardStatus, StandardAction

STANDARD_MOVES = [
    (S.DRAFT, A.OPEN_CONSULTATION, S.CONSULTATION),
    (S.DRAFT, A.OPEN_BALLOT, S.BALLOT),
    (S.DRAFT, A.WITHDRAW, S.WITHDRAWN),
    (S.CONSULTATION, A.CLOSE_CONSULTATION, S.DRAFT),
    (S.BALLOT, A.CANCEL_BALLOT, S.DRAFT),
    (S.BALLOT, A.BALLOT_PASSED, S.APPROVED),
    (S.BALLOT, A.BALLOT_FAILED, S.DRAFT),
    (S.BALLOT, A.BALLOT_STALE, S.DRAFT),
    (S.APPROVED, A.PUBLISH, S.PUBLISHED),
    (S.DRAFT, A.PUBLISH_WHILE_DRAFTING, S.DRAFT),
    (S.CONSULTATION, A.PUBLISH_WHILE_DRAFTING, S.CONSULTATION),
    (S.BALLOT, A.PUBLISH_WHILE_DRAFTING, S.BALLOT),
    (S.APPROVED, A.REOPEN, S.DRAFT),
    (S.PUBLISHED, A.NEW_DRAFT, S.DRAFT),
    (S.PUBLISHED, A.WITHDRAW, S.WITHDRAWN),
]


@pytest.mark.parametrize(("status", "action", "expected"), STANDARD_MOVES)
def test_standard_allowed_move(status, action, expected):
    assert next_status(status, action) is expected
    assert action in allowed_actions(status)


def test_standard_table_has_exactly_the_listed_moves():
    assert {(s, a): t for s, a, t in STANDARD_MOVES} == dict(TRANSITIONS)


@pytest.mark.parametrize(
    ("status", "action"),
    [(s, a) for s in StandardStatus for a in StandardAction if (s, a) not in TRANSITIONS],
)
def test_standard_move_not_in_table_is_refused(status, action):
    with pytest.raises(InvalidTransition) as caught:
        next_status(status, action)
    assert caught.value.details == {"status": status, "action": action}
    assert caught.value.message


def test_publishing_a_draft_without_a_ballot_is_refused():
    with pytest.raises(InvalidTransition, match="publish"):
        next_status(S.DRAFT, A.PUBLISH)


def test_publishing_while_drafting_never_makes_the_standard_published():
    for status in StandardStatus:
        if (status, A.PUBLISH_WHILE_DRAFTING) in TRANSITIONS:
            assert next_status(status, A.PUBLISH_WHILE_DRAFTING) is status


@pytest.mark.parametrize("status", [S.PUBLISHED, S.WITHDRAWN])
def test_nothing_is_published_from_a_standard_with_no_work_in_progress(status):
    with pytest.raises(InvalidTransition):
        next_status(status, publication_move(status))


PUBLISHING = {A.PUBLISH, A.PUBLISH_WHILE_DRAFTING}
#: moves only a save makes, or publication: the walk below makes them as the operations do
INDIRECT = {A.REOPEN, A.NEW_DRAFT, A.BALLOT_STALE} | PUBLISHING
DIRECT = sorted(set(StandardAction) - INDIRECT)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*DIRECT, "save", "publish"]), max_size=30))
def test_an_approved_revision_can_be_published_whatever_the_next_draft_does(moves):
    """Walk the table as the operations do: a save in APPROVED or PUBLISHED reopens, a passing
    ballot approves the newest revision, publication uses ``publication_move``. While an
    approval waits, publication is always allowed and the approval is never lost."""
    status, head, approved = S.DRAFT, 1, None
    for move in moves:
        if move == "save":
            if status is S.WITHDRAWN:
                continue
            head += 1
            if status in (S.APPROVED, S.PUBLISHED):
                status = next_status(status, A.REOPEN if status is S.APPROVED else A.NEW_DRAFT)
            elif status is S.BALLOT:
                status = next_status(status, A.BALLOT_STALE)
            continue
        if move == "publish":
            if approved is None or status is S.WITHDRAWN:
                continue  # the operation refuses: nothing approved waits
            move = publication_move(status)
        try:
            status = next_status(status, move)
        except InvalidTransition:
            continue
        if move is A.BALLOT_PASSED:
            approved = head
        elif move in PUBLISHING:
            assert status is (S.PUBLISHED if approved == head else status)
            approved = None
        if status is S.APPROVED:
            assert approved == head
        if approved is not None and status is not S.WITHDRAWN:
            assert (status, publication_move(status)) in TRANSITIONS


def test_editing_during_a_ballot_makes_it_stale_and_returns_to_draft():
    assert next_status(S.BALLOT, A.BALLOT_STALE) is S.DRAFT


def test_unknown_action_string_is_an_invalid_transition():
    with pytest.raises(InvalidTransition):
        next_status(S.DRAFT, "teleport")


def test_statuses_accept_their_string_values():
    assert next_status("draft", "open_ballot") is S.BALLOT


def test_withdrawn_standard_is_terminal():
    assert allowed_actions(S.WITHDRAWN) == frozenset()
    assert is_terminal(S.WITHDRAWN)
    assert [s for s in StandardStatus if is_terminal(s)] == [S.WITHDRAWN]


def test_every_standard_status_is_reachable_from_draft():
    reached, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        status = frontier.pop()
        for action in allowed_actions(status):
            target = next_status(status, action)
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(StandardStatus)


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        (EditionStatus.CURRENT, EditionAction.SUPERSEDE, EditionStatus.SUPERSEDED),
        (EditionStatus.CURRENT, EditionAction.WITHDRAW, EditionStatus.WITHDRAWN),
    ],
)
def test_edition_allowed_move(status, action, expected):
    assert next_edition_status(status, action) is expected


@pytest.mark.parametrize("status", [EditionStatus.SUPERSEDED, EditionStatus.WITHDRAWN])
def test_superseded_and_withdrawn_editions_are_terminal(status):
    assert allowed_edition_actions(status) == frozenset()
    for action in EditionAction:
        with pytest.raises(InvalidTransition):
            next_edition_status(status, action)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (BallotAction.CLOSE_PASSED, BallotStatus.PASSED),
        (BallotAction.CLOSE_FAILED, BallotStatus.FAILED),
        (BallotAction.CANCEL, BallotStatus.CANCELLED),
        (BallotAction.MARK_STALE, BallotStatus.STALE),
    ],
)
def test_ballot_allowed_move(action, expected):
    assert next_ballot_status(BallotStatus.OPEN, action) is expected
    assert is_closed(expected)


@pytest.mark.parametrize("status", [s for s in BallotStatus if s is not BallotStatus.OPEN])
def test_closed_ballot_never_moves_again(status):
    assert allowed_ballot_actions(status) == frozenset()
    for action in BallotAction:
        with pytest.raises(InvalidTransition):
            next_ballot_status(status, action)


def test_each_closed_ballot_status_moves_the_standard_out_of_ballot():
    for status in BallotStatus:
        if is_closed(status):
            assert (S.BALLOT, STANDARD_ACTION_FOR[status]) in TRANSITIONS
    assert set(STANDARD_ACTION_FOR) == {s for s in BallotStatus if is_closed(s)}


MACHINES = [
    (StandardStatus, StandardAction, TRANSITIONS, next_status, S.DRAFT),
    (EditionStatus, EditionAction, EDITION_TRANSITIONS, next_edition_status, EditionStatus.CURRENT),
    (BallotStatus, BallotAction, BALLOT_TRANSITIONS, next_ballot_status, BallotStatus.OPEN),
]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(MACHINES), st.data())
def test_any_action_sequence_follows_the_table_or_leaves_the_state_unchanged(machine, data):
    statuses, actions, table, step, start = machine
    status = data.draw(st.sampled_from(statuses) | st.just(start))
    for action in data.draw(st.lists(st.sampled_from(actions), max_size=20)):
        try:
            moved = step(status, action)
        except InvalidTransition:
            assert (status, action) not in table
        else:
            assert moved is table[status, action]
            status = moved
