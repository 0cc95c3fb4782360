"""The life cycle of a published edition: a table of allowed moves."""

import enum
from collections.abc import Mapping
from types import MappingProxyType

from wiki.standards.lifecycle import next_in_table


class EditionStatus(enum.StrEnum):
    """Whether a published edition is the one in force."""

    #: the edition in force
    CURRENT = "current"
    #: replaced by a later edition; kept in the historical list
    SUPERSEDED = "superseded"
    #: retired without replacement; kept in the historical list
    WITHDRAWN = "withdrawn"


class EditionAction(enum.StrEnum):
    """A move in an edition's life cycle."""

    #: a later edition of the same standard was published
    SUPERSEDE = "supersede"
    #: the standard was withdrawn
    WITHDRAW = "withdraw"


#: every allowed move of an edition; superseded and withdrawn editions never change again
EDITION_TRANSITIONS: Mapping[tuple[EditionStatus, EditionAction], EditionStatus] = MappingProxyType(
    {
        (EditionStatus.CURRENT, EditionAction.SUPERSEDE): EditionStatus.SUPERSEDED,
        (EditionStatus.CURRENT, EditionAction.WITHDRAW): EditionStatus.WITHDRAWN,
    }
)


def next_edition_status(status: EditionStatus, action: EditionAction) -> EditionStatus:
    """The edition status after ``action``; raises ``InvalidTransition`` if not allowed."""
    return next_in_table(EDITION_TRANSITIONS, status, action, subject="an edition")


def allowed_edition_actions(status: EditionStatus) -> frozenset[EditionAction]:
    """The actions the table allows from an edition's ``status``."""
    return frozenset(action for (source, action) in EDITION_TRANSITIONS if source == status)
