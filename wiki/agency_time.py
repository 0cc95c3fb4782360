"""Days in the agency's time zone: when a window chosen by its last day closes, and which day a
closing moment ends. Plain Python over ``zoneinfo``, so a test can fix the clock.

A window (a consultation, a ballot) is chosen as a last day and stored as the moment it closes:
the first instant of the next day where the agency is. Shown again, that moment reads as the
last day, not as the next midnight.
"""

import datetime as dt
from zoneinfo import ZoneInfo


def end_of_day(day: dt.date, zone: str) -> dt.datetime:
    """The moment a window whose last day is ``day`` closes: the next midnight in ``zone``, in
    UTC (so the window is open during all of ``day`` there)."""
    next_midnight = dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=ZoneInfo(zone)
    )
    return next_midnight.astimezone(dt.UTC)


def last_day(closes_at: dt.datetime, zone: str) -> dt.date | None:
    """The last day of a window that closes at ``closes_at``: the day before, when it closes at
    a midnight in ``zone``; None when it closes at another time (set to the minute)."""
    local = closes_at.astimezone(ZoneInfo(zone))
    if local.time() != dt.time(0, 0):
        return None
    return local.date() - dt.timedelta(days=1)

