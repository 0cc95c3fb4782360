"""Dates in the agency's time zone (America/Mexico_City by default): windows chosen by their last
day close at the end of that day there and show as that day; a window closed early shows when it
really closed; every date shows in that zone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_datetime
from sqlalchemy import select

from tests.comment_factories import actor, comment, in_english
from wiki import create_app
from wiki.agency_time import end_of_day
from wiki.ballots.models import Ballot
from wiki.consultations import operations as consultations
from wiki.consultations.models import Consultation
from wiki.consultations.windows import WindowState
from wiki.db import utcnow
from wiki.extensions import db

MEXICO_CITY = "America/Mexico_City"
MX = ZoneInfo(MEXICO_CITY)


def _long(day: dt.date) -> str:
    return format_date(day, "long", locale="en")


def _today_in_mexico_city() -> dt.date:
    return utcnow().astimezone(MX).date()


def _until_20_december(standard, p, year=2026, **fields) -> Consultation:
    """A consultation on revision 1 "until 20 December", as the form stores it."""
    found = Consultation(
        standard_id=standard.id,
        revision_id=standard.head_revision_id,
        opens_at=dt.datetime(year, 12, 1, 15, 0, tzinfo=dt.UTC),
        closes_at=end_of_day(dt.date(year, 12, 20), MEXICO_CITY),
        opened_by_id=p.chair.id,
        **fields,
    )
    db.session.add(found)
    db.session.commit()
    return found


def test_the_agency_time_zone_is_mexico_city_and_feeds_babel(app):
    assert app.config["TIME_ZONE"] == MEXICO_CITY
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == MEXICO_CITY


def test_an_unknown_time_zone_stops_the_app_at_start(tmp_path):
    with pytest.raises(RuntimeError, match="Mars/Olympus_Mons"):
        create_app({"TIME_ZONE": "Mars/Olympus_Mons", "INSTANCE_PATH": str(tmp_path)})


def test_a_consultation_chosen_until_a_day_stays_open_to_the_end_of_that_day_there(
    client, login, p, standard
):
    last = _today_in_mexico_city() + dt.timedelta(days=18)
    login(p.chair)
    response = client.post(
        f"/standards/{standard.id}/consultations/new", data={"closes_on": last.isoformat()}
    )
    assert response.status_code == 302
    found = db.session.scalar(select(Consultation))
    assert found.closes_at == dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time(0, 0), tzinfo=MX
    )
    late_that_night = dt.datetime.combine(last, dt.time(23, 30), tzinfo=MX)
    just_after = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0, 1), tzinfo=MX)
    assert found.state(late_that_night) is WindowState.OPEN
    assert found.state(just_after) is WindowState.ENDED
    page = client.get(f"/standards/{standard.id}").text
    assert f"Public consultation open until {_long(last)}." in page
    public = client.get(f"/consultations/{found.id}").text
    assert f"Open for comment until {_long(last)}." in public
    assert _long(last + dt.timedelta(days=1)) not in page + public


def test_the_pages_show_20_december_for_a_window_until_20_december(client, login, p, standard):
    _until_20_december(standard, p)
    login(p.chair)
    page = client.get(f"/standards/{standard.id}").text
    assert "December 20, 2026" in page
    assert "December 21" not in page and "12/21/26" not in page


def test_a_window_that_ended_shows_its_last_day(client, login, p, standard):
    found = _until_20_december(standard, p, year=2025)
    assert found.state() is WindowState.ENDED
    login(p.chair)
    page = client.get(f"/standards/{standard.id}").text
    assert "The public consultation ended on December 20, 2025." in page
    my_work = client.get("/my-work").text
    assert "ended on December 20, 2025" in my_work and "December 21" not in my_work


def test_a_consultation_closed_early_shows_its_closing_date_not_its_last_day(
    client, login, p, standard
):
    closed_at = dt.datetime(2026, 12, 10, 17, 45, tzinfo=dt.UTC)  # 11:45 in Mexico City
    found = _until_20_december(standard, p, closed_at=closed_at, closed_by_id=p.chair.id)
    comment(p.union, standard, "Comentario escrito durante la consulta.")
    db.session.commit()
    in_english(client)
    report = client.get(f"/consultations/{found.id}/dispositions").text
    assert "December 1, 2026 to December 10, 2026, 11:45" in report
    assert "December 20" not in report
    closed = client.get(f"/consultations/{found.id}").text
    assert "ended on December 10, 2026, 11:45" in closed and "December 20" not in closed
    login(p.chair)
    status = client.get(f"/standards/{standard.id}").text
    assert "closed on December 10, 2026, 11:45" in status and "December 20" not in status


def test_a_consultation_closed_through_the_page_reports_the_moment_it_closed(
    client, login, p, standard
):
    last = _today_in_mexico_city() + dt.timedelta(days=30)
    found = consultations.open_consultation(
        actor(p.chair), standard.id, closes_at=end_of_day(last, MEXICO_CITY)
    )
    db.session.commit()
    login(p.chair)
    assert client.post(f"/consultations/{found.id}/close").status_code == 302
    db.session.refresh(found)
    report = client.get(f"/consultations/{found.id}/dispositions").text
    assert _long(found.closed_at.astimezone(MX).date()) in report
    assert _long(last) not in report


def test_a_ballot_chosen_until_a_day_closes_at_the_end_of_that_day_there(
    client, login, p, standard
):
    last = _today_in_mexico_city() + dt.timedelta(days=10)
    login(p.chair)
    response = client.post(
        f"/standards/{standard.id}/ballots/new",
        data={"revision_number": "1", "closes_on": last.isoformat()},
    )
    assert response.status_code == 302
    ballot = db.session.scalar(select(Ballot))
    assert ballot.closes_at == end_of_day(last, MEXICO_CITY)
    page = client.get(f"/ballots/{ballot.id}").text
    assert f"Voting is open until {_long(last)}." in page


def test_times_show_in_mexico_city_not_utc(client, login, p, standard):
    late = dt.datetime(2026, 12, 21, 3, 0, tzinfo=dt.UTC)  # 20 December, 21:00 there
    standard.head_revision.created_at = late
    db.session.commit()
    login(p.chair)
    page = client.get(f"/standards/{standard.id}/history").text
    assert format_datetime(late, "short", tzinfo=MX, locale="en") in page
    assert "12/21/26" not in page
