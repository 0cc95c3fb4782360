"""Dates as the reader sees them, in the agency's time zone (``TIME_ZONE``, which Flask-Babel's
``format_date`` and ``format_datetime`` also use): a window's last day, and when it really ended.
"""

import datetime as dt

from babel.dates import get_timezone, get_timezone_location
from flask import current_app
from flask_babel import format_date, format_datetime, format_time, get_locale

from wiki.agency_time import end_of_day, last_day


def agency_zone() -> str:
    """The agency's time zone, e.g. "America/Mexico_City"."""
    return current_app.config["TIME_ZONE"]


def agency_zone_name() -> str:
    """The agency's time zone in the reader's words: "hora de México (Ciudad de México)"."""
    return get_timezone_location(get_timezone(agency_zone()), locale=get_locale())


def closing_moment(day: dt.date | None) -> dt.datetime | None:
    """When a window whose last day is ``day`` closes (None stays None)."""
    return end_of_day(day, agency_zone()) if day is not None else None


def window_last_day(closes_at: dt.datetime) -> str:
    """"20 December 2026" for a window closing at the end of that day where the agency is;
    the date and time for one closing at another moment."""
    day = last_day(closes_at, agency_zone())
    return format_date(day, "long") if day is not None else format_datetime(closes_at, "short")


def window_end(window) -> str:
    """When a window with ``closes_at`` and ``closed_at`` ends: its real closing time when it
    was closed before its last day was over, else its last day."""
    closed_at = window.closed_at
    if closed_at is not None and closed_at < window.closes_at:
        return f"{format_date(closed_at, 'long')}, {format_time(closed_at, 'short')}"
    return window_last_day(window.closes_at)
