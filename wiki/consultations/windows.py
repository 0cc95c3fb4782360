"""When a consultation's comment window is open, and whether a consultation holds up a ballot.

Plain Python over timestamps and counts, so the rules can be tested without a database.
"""

import datetime as dt
import enum
from dataclasses import dataclass

from wiki.errors import InvalidInput
from wiki.i18n import N_

#: longest comment window a chair may open
MAX_WINDOW = dt.timedelta(days=180)


class WindowState(enum.StrEnum):
    """Where a consultation's comment window stands at a given moment."""

    #: its opening time has not come yet
    SCHEDULED = "scheduled"
    #: the public reads the revision and anyone logged in may comment
    OPEN = "open"
    #: the closing time has passed; the chair still has to close the consultation
    ENDED = "ended"
    #: the chair closed it; every comment now needs a disposition
    CLOSED = "closed"


def window_state(
    opens_at: dt.datetime, closes_at: dt.datetime, closed_at: dt.datetime | None, now: dt.datetime
) -> WindowState:
    """The state of a window at ``now``."""
    if closed_at is not None:
        return WindowState.CLOSED
    if now < opens_at:
        return WindowState.SCHEDULED
    if now < closes_at:
        return WindowState.OPEN
    return WindowState.ENDED


def check_window(opens_at: dt.datetime, closes_at: dt.datetime) -> None:
    """Raise ``InvalidInput`` unless the window closes after it opens and within the limit."""
    if closes_at <= opens_at:
        raise InvalidInput(N_("The closing date must be after the opening date."))
    if closes_at - opens_at > MAX_WINDOW:
        raise InvalidInput(
            N_("A consultation can stay open for at most %(days)d days."), days=MAX_WINDOW.days
        )


@dataclass(frozen=True)
class BallotBlock:
    """Why consultations keep a ballot from opening; ``code`` names the reason."""

    #: "consultation_not_closed" or "dispositions_missing"
    code: str
    #: consultation comments without a disposition
    count: int = 0


def ballot_block(*, unclosed_consultations: int, undisposed_threads: int) -> BallotBlock | None:
    """What stops a ballot, or None: an unclosed consultation, then comments without disposition."""
    if unclosed_consultations:
        return BallotBlock("consultation_not_closed")
    if undisposed_threads:
        return BallotBlock("dispositions_missing", undisposed_threads)
    return None
