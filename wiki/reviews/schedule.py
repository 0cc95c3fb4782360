"""When an edition is due for review: plain dates in, plain dates out.

The review period runs from the edition's publication in the official gazette, as the agency
counts it; before the gazette date is recorded it runs from the edition's publication here.
"""

import datetime as dt


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_due_on(
    published_on: dt.date, review_period_years: int, gazette_published_on: dt.date | None = None
) -> dt.date:
    """The date from which the edition is due for review."""
    return add_years(gazette_published_on or published_on, review_period_years)


def is_due(due_on: dt.date, today: dt.date) -> bool:
    """Whether an edition whose review falls on ``due_on`` is due on ``today``."""
    return due_on <= today
