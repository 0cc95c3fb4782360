"""Words for enum values, in the reader's language. Templates call ``label(value)``."""

from flask_babel import lazy_gettext as _l

from wiki.ballots.consensus import Position
from wiki.ballots.lifecycle import BallotStatus
from wiki.comments.dispositions import Disposition, ThreadStatus
from wiki.consultations.windows import WindowState
from wiki.publication.lifecycle import EditionStatus
from wiki.roles import Role, StakeholderGroup
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.structure import ItemKind

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

# Discussions and consultations. ThreadStatus.OPEN and WindowState.OPEN share "open" with
# BallotStatus.OPEN, which already says "Open".
LABELS.update(
    {
        ThreadStatus.RESOLVED: _l("Resolved"),
        Disposition.ACCEPTED: _l("Accepted"),
        Disposition.ACCEPTED_IN_PART: _l("Accepted in part"),
        Disposition.REJECTED: _l("Rejected"),
        Disposition.NOTED: _l("Noted"),
        WindowState.SCHEDULED: _l("Scheduled"),
        WindowState.ENDED: _l("Ended, not yet closed"),
        WindowState.CLOSED: _l("Closed"),
        ItemKind.PERFORMANCE: _l("Performance criterion"),
        ItemKind.PRODUCT: _l("Product"),
        ItemKind.KNOWLEDGE: _l("Knowledge"),
        ItemKind.ATTITUDE: _l("Attitude"),
        ItemKind.GLOSSARY: _l("Glossary term"),
    }
)


def label(value) -> str:
    """The translated word for an enum member (or its raw value when none is defined)."""
    found = LABELS.get(value)
    return str(found) if found is not None else str(value)


STRUCTURE_WARNINGS = {
    "element_without_code": _l("An element has no code (E followed by four digits)."),
    "duplicate_element_code": _l("Two elements have the same code."),
    "element_count_mismatch": _l(
        "An element heading says “of N”, but the standard has another number of elements."
    ),
    "element_number_mismatch": _l("Elements are not numbered 1, 2, 3… in order."),
    "empty_element": _l("An element has no criteria, products or knowledge."),
    "unknown_section": _l("A section heading is not one of the template's sections."),
    "unknown_subsection": _l(
        "A subsection of an element is not one of the template's subsections."
    ),
    "criteria_outside_element": _l("A list of criteria stands outside any element."),
    "duplicate_section": _l("A section appears twice."),
    "knowledge_without_level": _l(
        "A knowledge item gives no level (Knowledge, Comprehension or Application)."
    ),
}


def structure_warning(warning) -> str:
    """A parser warning in words: what is wrong, the line, and the text concerned."""
    what = STRUCTURE_WARNINGS.get(warning.code)
    text = str(what) if what is not None else warning.code
    where = str(_l("line %(line)d", line=warning.line)) if warning.line else ""
    detail = f" “{warning.detail}”" if warning.detail else ""
    return f"{text} ({where}){detail}" if where else f"{text}{detail}"
