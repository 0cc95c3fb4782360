"""Words for ballot states and voters' positions, in the reader's language."""

from flask_babel import lazy_gettext as _l

from wiki.ballots.consensus import Position
from wiki.ballots.lifecycle import BallotStatus

BALLOT_LABELS = {
    BallotStatus.OPEN: _l("Open"),
    BallotStatus.PASSED: _l("Passed"),
    BallotStatus.FAILED: _l("Failed"),
    BallotStatus.CANCELLED: _l("Cancelled"),
    BallotStatus.STALE: _l("Stale"),
    Position.APPROVE: _l("Approve"),
    Position.APPROVE_WITH_COMMENTS: _l("Approve with comments"),
    Position.OBJECT: _l("Object"),
    Position.ABSTAIN: _l("Abstain"),
    Position.RECUSE: _l("Recuse"),
}
