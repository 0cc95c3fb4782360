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


class RequestStatus(enum.StrEnum):
    """Where a chair's request that the agency publish the approved revision stands."""

    #: waiting for the agency to check it and publish it or send it back
    REQUESTED = "requested"
    #: the agency sent it back with a reason; the chair may ask again
    SENT_BACK = "sent_back"
    #: the agency published the revision as an edition
    PUBLISHED = "published"


class RequestAction(enum.StrEnum):
    """What the agency does with a publication request."""

    #: return it to the committee with a reason
    SEND_BACK = "send_back"
    #: publish the requested revision with its official act
    PUBLISH = "publish"


#: every allowed move of a publication request; a decided request never changes again
REQUEST_TRANSITIONS: Mapping[tuple[RequestStatus, RequestAction], RequestStatus] = (
    MappingProxyType(
        {
            (RequestStatus.REQUESTED, RequestAction.SEND_BACK): RequestStatus.SENT_BACK,
            (RequestStatus.REQUESTED, RequestAction.PUBLISH): RequestStatus.PUBLISHED,
        }
    )
)


def next_request_status(status: RequestStatus, action: RequestAction) -> RequestStatus:
    """The request status after ``action``; raises ``InvalidTransition`` if not allowed."""
    return next_in_table(REQUEST_TRANSITIONS, status, action, subject="a publication request")
