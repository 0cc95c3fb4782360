"""When a session ends: idle time, lifetime, and the longer lifetime of "remember me"."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from wiki.accounts.session_limits import (
    SEEN_RESOLUTION_SECONDS,
    Expiry,
    SessionLimits,
    expiry,
    needs_new_seen_at,
)

LIMITS = SessionLimits(
    idle=dt.timedelta(minutes=30), lifetime=dt.timedelta(hours=12), remembered=dt.timedelta(days=14)
)
MINUTE, HOUR, DAY = 60, 3600, 86400
T0 = 1_800_000_000


def test_a_session_in_use_lasts_until_its_lifetime():
    busy = T0 + 11 * HOUR
    assert expiry(LIMITS, T0, seen_at=busy, remembered=False, now=busy + MINUTE) is None
    busy = T0 + 12 * HOUR - MINUTE
    assert expiry(LIMITS, T0, seen_at=busy, remembered=False, now=busy + MINUTE) == Expiry.LIFETIME


def test_thirty_idle_minutes_end_a_session():
    assert expiry(LIMITS, T0, seen_at=T0, remembered=False, now=T0 + 29 * MINUTE) is None
    assert expiry(LIMITS, T0, seen_at=T0, remembered=False, now=T0 + 30 * MINUTE) == Expiry.IDLE


def test_a_remembered_session_survives_idle_time_but_not_fourteen_days():
    assert expiry(LIMITS, T0, seen_at=T0, remembered=True, now=T0 + 13 * DAY) is None
    assert expiry(LIMITS, T0, seen_at=T0 + 13 * DAY, remembered=True, now=T0 + 14 * DAY) == (
        Expiry.LIFETIME
    )


@given(
    signed_in_ago=st.integers(0, 20 * DAY),
    idle_for=st.integers(0, 20 * DAY),
    remembered=st.booleans(),
)
def test_no_session_outlives_its_lifetime(signed_in_ago, idle_for, remembered):
    now = T0 + 20 * DAY
    seen_at = max(now - idle_for, now - signed_in_ago)
    ended = expiry(LIMITS, now - signed_in_ago, seen_at, remembered, now)
    longest = (LIMITS.remembered if remembered else LIMITS.lifetime).total_seconds()
    if signed_in_ago >= longest:
        assert ended == Expiry.LIFETIME
    if ended is None:
        assert signed_in_ago < longest
        assert remembered or now - seen_at < LIMITS.idle.total_seconds()


def test_last_seen_is_written_about_once_a_minute():
    assert not needs_new_seen_at(T0, T0 + SEEN_RESOLUTION_SECONDS - 1)
    assert needs_new_seen_at(T0, T0 + SEEN_RESOLUTION_SECONDS)
