"""Words for enum values, in the reader's language. Templates call ``label(value)``."""

from flask_babel import lazy_gettext as _l

from wiki.ballots.consensus import Position
from wiki.ballots.lifecycle import BallotStatus
from wiki.committees.roles import Role, StakeholderGroup
from wiki.standards.lifecycle import EditionStatus, StandardStatus

LABELS = {
    StandardStatus.DRAFT: _l("Draft"),
    StandardStatus.CONSULTATION: _l("In public consultation"),
    StandardStatus.BALLOT: _l("Under ballot"),
    StandardStatus.APPROVED: _l("Approved"),
    StandardStatus.PUBLISHED: _l("Published"),
    StandardStatus.WITHDRAWN: _l("Withdrawn"),
    EditionStatus.CURRENT: _l("Current"),
    EditionStatus.SUPERSEDED: _l("Superseded"),
    BallotStatus.OPEN: _l("Open"),
    BallotStatus.PASSED: _l("Passed"),
    BallotStatus.FAILED: _l("Failed"),
    BallotStatus.CANCELLED: _l("Cancelled"),
    BallotStatus.STALE: _l("Stale"),
    Role.CHAIR: _l("Chair"),
    Role.MEMBER: _l("Member"),
    Role.OBSERVER: _l("Observer"),
    StakeholderGroup.INDUSTRY: _l("Industry"),
    StakeholderGroup.UNION: _l("Unions"),
    StakeholderGroup.EDUCATION: _l("Education"),
    StakeholderGroup.GOVERNMENT: _l("Government"),
    StakeholderGroup.AGENCY: _l("Agency"),
    Position.APPROVE: _l("Approve"),
    Position.APPROVE_WITH_COMMENTS: _l("Approve with comments"),
    Position.OBJECT: _l("Object"),
    Position.ABSTAIN: _l("Abstain"),
    Position.RECUSE: _l("Recuse"),
}

# EditionStatus.WITHDRAWN and StandardStatus.WITHDRAWN share the value "withdrawn";
# StrEnum members hash like their strings, so one entry serves both.


def label(value) -> str:
    """The translated word for an enum member (or its raw value when none is defined)."""
    found = LABELS.get(value)
    return str(found) if found is not None else str(value)
