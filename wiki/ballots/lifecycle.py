"""A ballot's life cycle: open until it closes one way or another; closed states are final."""

import enum
from collections.abc import Mapping
from types import MappingProxyType

from wiki.standards.lifecycle import StandardAction, next_in_table


class BallotStatus(enum.StrEnum):
    """Where a ballot stands."""

    #: voters may record and change positions
    OPEN = "open"
    #: closed with consensus
    PASSED = "passed"
    #: closed without consensus
    FAILED = "failed"
    #: withdrawn by the chair before closing
    CANCELLED = "cancelled"
    #: the balloted revision is no longer the draft head; votes no longer apply
    STALE = "stale"


class BallotAction(enum.StrEnum):
    """A move in a ballot's life cycle."""

    #: close the ballot; the consensus rule held
    CLOSE_PASSED = "close_passed"
    #: close the ballot; the consensus rule did not hold
    CLOSE_FAILED = "close_failed"
    #: withdraw the ballot
    CANCEL = "cancel"
    #: the draft changed after the ballot opened
    MARK_STALE = "mark_stale"


#: every allowed move; closed ballots never reopen (a new ballot is opened instead)
BALLOT_TRANSITIONS: Mapping[tuple[BallotStatus, BallotAction], BallotStatus] = MappingProxyType(
    {
        (BallotStatus.OPEN, BallotAction.CLOSE_PASSED): BallotStatus.PASSED,
        (BallotStatus.OPEN, BallotAction.CLOSE_FAILED): BallotStatus.FAILED,
        (BallotStatus.OPEN, BallotAction.CANCEL): BallotStatus.CANCELLED,
        (BallotStatus.OPEN, BallotAction.MARK_STALE): BallotStatus.STALE,
    }
)

#: the standard's move that goes with a ballot reaching each closed status
STANDARD_ACTION_FOR: Mapping[BallotStatus, StandardAction] = MappingProxyType(
    {
        BallotStatus.PASSED: StandardAction.BALLOT_PASSED,
        BallotStatus.FAILED: StandardAction.BALLOT_FAILED,
        BallotStatus.CANCELLED: StandardAction.CANCEL_BALLOT,
        BallotStatus.STALE: StandardAction.BALLOT_STALE,
    }
)


def next_ballot_status(status: BallotStatus, action: BallotAction) -> BallotStatus:
    """The ballot status after ``action``; raises ``InvalidTransition`` if not allowed."""
    return next_in_table(BALLOT_TRANSITIONS, status, action, subject="a ballot")


def allowed_ballot_actions(status: BallotStatus) -> frozenset[BallotAction]:
    """The actions the table allows from ``status`` (empty once the ballot is closed)."""
    return frozenset(action for (source, action) in BALLOT_TRANSITIONS if source == status)


def is_closed(status: BallotStatus) -> bool:
    """Whether the ballot has closed, one way or another."""
    return status != BallotStatus.OPEN
