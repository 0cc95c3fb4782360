"""Who sits on a committee and in what capacity: plain enums, no Flask.

At the bottom of the layers, beside ``permissions``: the permission predicates, the consensus
rule and the account model all name these values, and none of them may import a domain.
"""

import enum


class StakeholderGroup(enum.StrEnum):
    """The sector a person represents; committees need all four non-agency groups."""

    #: employers and industry chambers
    INDUSTRY = "industry"
    #: workers and their unions
    UNION = "union"
    #: schools, universities and training centres
    EDUCATION = "education"
    #: public bodies other than the agency
    GOVERNMENT = "government"
    #: the agency's own staff
    AGENCY = "agency"


#: groups whose approval a committee's consensus can require
VOTING_GROUPS = (
    StakeholderGroup.INDUSTRY,
    StakeholderGroup.UNION,
    StakeholderGroup.EDUCATION,
    StakeholderGroup.GOVERNMENT,
)


class Role(enum.StrEnum):
    """A member's role on one committee."""

    #: runs the committee: manages members, opens ballots, publishes
    CHAIR = "chair"
    #: drafts and comments
    MEMBER = "member"
    #: reads drafts and comments, never edits
    OBSERVER = "observer"
