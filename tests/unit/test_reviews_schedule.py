"""When an edition falls due for review: the period, the gazette date, leap days."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from wiki.reviews.schedule import add_years, is_due, review_due_on


def test_the_review_period_runs_from_publication_here_until_the_gazette_date_is_known():
    assert review_due_on(dt.date(2026, 3, 2), 3) == dt.date(2029, 3, 2)
    assert review_due_on(dt.date(2026, 3, 2), 3, dt.date(2026, 4, 15)) == dt.date(2029, 4, 15)


def test_a_leap_day_falls_due_on_the_28th_in_a_common_year():
    assert add_years(dt.date(2028, 2, 29), 3) == dt.date(2031, 2, 28)
    assert add_years(dt.date(2028, 2, 29), 4) == dt.date(2032, 2, 29)


def test_an_edition_is_due_on_its_review_date_and_after_it():
    due = dt.date(2029, 3, 2)
    assert not is_due(due, dt.date(2029, 3, 1))
    assert is_due(due, due)
    assert is_due(due, dt.date(2030, 1, 1))


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(1, 10))
def test_adding_years_keeps_the_month_and_never_goes_back(day, years):
    later = add_years(day, years)
    assert later.year == day.year + years
    assert later.month == day.month
    assert later.day == day.day or (day.month, day.day, later.day) == (2, 29, 28)
    assert later > day
