"""How long a signed-in session lasts: plain Python over seconds, so a test can fix the clock.

A session ends after ``idle`` without a request, and ``lifetime`` after logging in however busy
it was. With "remember me" it lasts ``remembered`` after logging in, idle or not (surviving
idle time is what remembering is for).
"""

import datetime as dt
import enum
from dataclasses import dataclass

#: how stale the last-seen time may get before a request writes it again: the session cookie
#: is then rewritten about once a minute, not on every request, at the cost of this much slack
SEEN_RESOLUTION_SECONDS = 60


class Expiry(enum.StrEnum):
    IDLE = "idle"
    LIFETIME = "lifetime"


@dataclass(frozen=True)
class SessionLimits:
    idle: dt.timedelta
    lifetime: dt.timedelta
    remembered: dt.timedelta

    @classmethod
    def from_settings(cls, config) -> "SessionLimits":
        return cls(
            idle=dt.timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
            lifetime=dt.timedelta(hours=config["SESSION_MAX_HOURS"]),
            remembered=dt.timedelta(days=config["REMEMBER_DAYS"]),
        )


def expiry(
    limits: SessionLimits, signed_in_at: float, seen_at: float, remembered: bool, now: float
) -> Expiry | None:
    """Why a session has ended at ``now`` (seconds since the epoch), or None while it lasts."""
    lifetime = limits.remembered if remembered else limits.lifetime
    if now - signed_in_at >= lifetime.total_seconds():
        return Expiry.LIFETIME
    if not remembered and now - seen_at >= limits.idle.total_seconds():
        return Expiry.IDLE
    return None


def needs_new_seen_at(seen_at: float, now: float) -> bool:
    """Whether this request should write its time as the session's last-seen time."""
    return now - seen_at >= SEEN_RESOLUTION_SECONDS
