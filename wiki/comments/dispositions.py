"""How a thread was handled: its status, the chair's disposition, and which threads still need one.

Plain Python: the rules take values and return values, so they can be tested without a database.
"""

import enum

from wiki.errors import InvalidInput
from wiki.i18n import N_


class ThreadStatus(enum.StrEnum):
    """Whether a thread still asks for attention."""

    #: waiting for an answer or a decision
    OPEN = "open"
    #: its author or the chair marked it as dealt with
    RESOLVED = "resolved"


class Disposition(enum.StrEnum):
    """The chair's decision on a thread, ISO/OASIS style."""

    #: the text will change as the comment asks
    ACCEPTED = "accepted"
    #: part of the comment is taken up
    ACCEPTED_IN_PART = "accepted_in_part"
    #: the comment is declined; the reply gives the reason
    REJECTED = "rejected"
    #: taken into account without a change to the text
    NOTED = "noted"


def check_disposition(value: str | Disposition, reply: str) -> Disposition:
    """The disposition named by ``value``; raises ``InvalidInput`` for an unknown one or no reply.

    Every disposition comes with a reply; for a rejection the reply is the reason.
    """
    try:
        disposition = Disposition(value)
    except ValueError:
        raise InvalidInput(N_("Choose how the comment was handled.")) from None
    if not (reply or "").strip():
        if disposition is Disposition.REJECTED:
            raise InvalidInput(N_("Give the reason for rejecting this comment."))
        raise InvalidInput(N_("Write a reply that explains how the comment was handled."))
    return disposition


def needs_disposition(
    *, in_consultation: bool, status: ThreadStatus, root_removed: bool, disposition
) -> bool:
    """Whether a thread waits for the chair's disposition.

    Consultation threads always need one (a ballot cannot open until they have it); other
    threads only while they are open. A thread whose opening comment was deleted or hidden
    has nothing left to decide on.
    """
    if disposition is not None or root_removed:
        return False
    return in_consultation or status == ThreadStatus.OPEN
