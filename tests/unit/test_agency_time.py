"""Days in the agency's time zone: a window chosen by its last day stays open all of that day
where the agency is, and reads back as that day. The clock is fixed: every moment is given."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiki.agency_time import end_of_day, last_day
from wiki.consultations.windows import WindowState, window_state

MEXICO_CITY = "America/Mexico_City"
MX = ZoneInfo(MEXICO_CITY)
OPENED = dt.datetime(2026, 12, 1, 9, 0, tzinfo=MX)
UNTIL_20_DECEMBER = end_of_day(dt.date(2026, 12, 20), MEXICO_CITY)


def test_a_window_until_20_december_closes_at_midnight_in_mexico_city():
    closes_at = end_of_day(dt.date(2026, 12, 20), MEXICO_CITY)
    assert closes_at == dt.datetime(2026, 12, 21, 0, 0, tzinfo=MX)
    assert closes_at == dt.datetime(2026, 12, 21, 6, 0, tzinfo=dt.UTC)
    assert closes_at.tzinfo == dt.UTC


@pytest.mark.parametrize(
    ("local_now", "state"),
    [
        (dt.datetime(2026, 12, 20, 18, 0), WindowState.OPEN),  # midnight UTC: still the 20th
        (dt.datetime(2026, 12, 20, 23, 30), WindowState.OPEN),
        (dt.datetime(2026, 12, 20, 23, 59, 59), WindowState.OPEN),
        (dt.datetime(2026, 12, 21, 0, 1), WindowState.ENDED),
    ],
)
def test_a_consultation_until_20_december_is_open_all_of_that_day_in_mexico_city(
    local_now, state
):
    now = local_now.replace(tzinfo=MX)
    assert window_state(OPENED, UNTIL_20_DECEMBER, None, now) is state


def test_the_closing_moment_reads_back_as_the_last_day_not_the_next_midnight():
    assert last_day(UNTIL_20_DECEMBER, MEXICO_CITY) == dt.date(2026, 12, 20)


def test_a_window_closing_at_another_moment_has_no_last_day():
    assert last_day(dt.datetime(2026, 12, 21, 0, 0, tzinfo=dt.UTC), MEXICO_CITY) is None
    assert last_day(dt.datetime(2026, 12, 20, 15, 30, tzinfo=MX), MEXICO_CITY) is None


@given(
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
    zone=st.sampled_from(
        [MEXICO_CITY, "America/Tijuana", "America/Cancun", "America/New_York", "UTC"]
    ),
)
def test_every_last_day_reads_back_as_itself(day, zone):
    closes_at = end_of_day(day, zone)
    assert last_day(closes_at, zone) == day
    assert closes_at.astimezone(ZoneInfo(zone)).date() == day + dt.timedelta(days=1)
