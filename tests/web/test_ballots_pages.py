"""Ballot pages through the test client: the panel, voting, the chair's buttons, the 403 matrix."""

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from tests.ballot_factories import counts, draft, new_revision, open_on, vote
from wiki.agency_time import end_of_day
from wiki.ballots.consensus import Position
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot, Vote
from wiki.db import utcnow
from wiki.extensions import db
from wiki.standards.lifecycle import StandardStatus

P = Position


@pytest.fixture
def standard(s):
    return draft(s)


@pytest.fixture
def ballot(s, standard):
    return open_on(s, standard)


def test_the_panel_says_in_plain_words_what_the_ballot_still_lacks(client, as_user, s, ballot):
    for user in (s.chair, s.education, s.government):
        vote(user, ballot, P.APPROVE)
    vote(s.education, ballot, P.OBJECT, "El glosario está incompleto.")
    as_user(s.union)
    page = client.get(f"/standards/{ballot.standard_id}").text
    assert "Missing: an approval from a union representative." in page
    assert "Missing: an approval from an education representative." in page
    assert f"1 open objection, by {s.education.display_name}." in page
    assert "Positions by stakeholder group" in page
    assert f'action="/ballots/{ballot.id}/position"' in page
    assert "Close the ballot now" not in page


def test_the_chair_sees_the_buttons_and_what_closing_now_would_do(client, as_user, s, ballot):
    as_user(s.chair)
    page = client.get(f"/standards/{ballot.standard_id}").text
    assert "Close the ballot now" in page
    assert "If you close the ballot now, it fails" in page


def test_an_observer_sees_the_ballot_but_no_position_form(client, as_user, s, ballot):
    as_user(s.observer)
    page = client.get(f"/ballots/{ballot.id}")
    assert page.status_code == 200
    assert "Your position" not in page.text
    assert "Close the ballot now" not in page.text


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_people_outside_the_committee_do_not_learn_the_ballot_exists(
    client, as_user, s, ballot, who
):
    as_user(s.outsider if who == "outsider" else None)
    for path in (
        f"/ballots/{ballot.id}",
        f"/standards/{ballot.standard_id}/ballots",
        f"/standards/{ballot.standard_id}/ballots/new",
    ):
        response = client.get(path)
        assert response.status_code in (404, 302), path
        assert "Atención a comensales" not in response.text


def test_an_admin_reads_any_ballot(client, as_user, s, ballot):
    as_user(s.admin)
    assert client.get(f"/ballots/{ballot.id}").status_code == 200


def test_a_voter_records_and_changes_a_position_and_the_log_shows_both(client, as_user, s, ballot):
    as_user(s.union)
    response = client.post(
        f"/ballots/{ballot.id}/position",
        data={"position": "object", "reason": "El criterio 2 no es observable."},
    )
    assert response.status_code == 302
    response = client.post(f"/ballots/{ballot.id}/position", data={"position": "approve"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Your position is recorded: Approve." in page
    assert "Approve (was: Object)" in page
    assert "El criterio 2 no es observable." in page
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 1


def test_an_objection_without_a_reason_is_sent_back_with_the_choice_kept(
    client, as_user, s, ballot
):
    as_user(s.union)
    before = counts()
    response = client.post(
        f"/ballots/{ballot.id}/position", data={"position": "object", "reason": "  "}
    )
    assert response.status_code == 400
    assert "An objection must give a reason" in response.text
    assert re.search(r'<input checked[^>]*value="object"', response.text)
    assert counts() == before


def test_a_position_missing_from_the_form_is_refused(client, as_user, s, ballot):
    as_user(s.union)
    response = client.post(f"/ballots/{ballot.id}/position", data={"reason": "Sin postura"})
    assert response.status_code == 400
    assert "Choose a position." in response.text
    assert db.session.scalar(select(Vote.id)) is None


def test_voting_on_a_stale_ballot_explains_what_happened(client, as_user, s, standard, ballot):
    new_revision(s, standard)
    db.session.commit()
    as_user(s.union)
    response = client.post(f"/ballots/{ballot.id}/position", data={"position": "approve"})
    assert response.status_code == 409
    assert "stale" in response.text
    # The position form is gone from a stale ballot: the reason is said at the top.
    assert "so the ballot is stale and takes no more votes" in response.text
    assert db.session.scalar(select(Vote.id)) is None


def test_voting_on_a_closed_ballot_is_refused(client, as_user, s, ballot):
    as_user(s.chair)
    assert client.post(f"/ballots/{ballot.id}/close").status_code == 302
    as_user(s.union)
    response = client.post(f"/ballots/{ballot.id}/position", data={"position": "approve"})
    assert response.status_code == 409
    assert "closed" in response.text
    assert "This ballot is closed; positions can no longer be cast or changed." in response.text


def test_a_position_without_the_csrf_token_is_refused(client, as_user, s, ballot):
    as_user(s.union)
    response = client.post(
        f"/ballots/{ballot.id}/position", data={"position": "approve"}, csrf=False
    )
    assert response.status_code == 400
    assert db.session.scalar(select(Vote.id)) is None


FORBIDDEN = [
    ("observer", "post", "/ballots/{ballot}/position", {"position": "approve"}),
    ("admin", "post", "/ballots/{ballot}/position", {"position": "approve"}),
    ("union", "get", "/standards/{standard}/ballots/new", None),
    ("union", "post", "/standards/{standard}/ballots/new", {}),
    ("admin", "post", "/standards/{standard}/ballots/new", {}),
    ("union", "post", "/ballots/{ballot}/close", {}),
    ("observer", "post", "/ballots/{ballot}/close", {}),
    ("admin", "post", "/ballots/{ballot}/close", {}),
    ("union", "post", "/ballots/{ballot}/cancel", {"reason": "no"}),
    ("admin", "post", "/ballots/{ballot}/cancel", {"reason": "no"}),
    ("union", "get", "/committees/{committee}/consensus-rule", None),
    ("observer", "post", "/committees/{committee}/consensus-rule", {"min_approvals": "1"}),
    ("outsider", "post", "/committees/{committee}/consensus-rule", {"min_approvals": "1"}),
]


@pytest.mark.parametrize(("who", "method", "path", "data"), FORBIDDEN)
def test_forbidden_ballot_actions_answer_403_and_change_nothing(
    client, as_user, s, ballot, who, method, path, data
):
    as_user(s[who])
    url = path.format(ballot=ballot.id, standard=ballot.standard_id, committee=s.committee.slug)
    before = counts()
    response = client.get(url) if method == "get" else client.post(url, data=data)
    assert response.status_code == 403
    db.session.expire_all()
    assert counts() == before
    assert db.session.get(Ballot, ballot.id).status is BallotStatus.OPEN
    assert s.committee.consensus_rule == {}


def test_the_chair_opens_a_ballot_with_a_closing_date(client, as_user, s, standard):
    as_user(s.chair)
    form = client.get(f"/standards/{standard.id}/ballots/new")
    assert form.status_code == 200
    assert "Open a ballot on revision 1" in form.text
    closes_on = (utcnow() + dt.timedelta(days=10)).date()
    response = client.post(
        f"/standards/{standard.id}/ballots/new",
        data={"revision_number": "1", "closes_on": closes_on.isoformat()},
    )
    assert response.status_code == 302
    ballot = db.session.scalar(select(Ballot))
    assert response.headers["Location"].endswith(f"/ballots/{ballot.id}")
    assert ballot.closes_at == end_of_day(closes_on, "America/Mexico_City")
    assert ballot.closes_at > utcnow() + dt.timedelta(days=9)
    db.session.refresh(standard)
    assert standard.status is StandardStatus.BALLOT


def test_a_closing_date_in_the_past_is_sent_back(client, as_user, s, standard):
    as_user(s.chair)
    response = client.post(
        f"/standards/{standard.id}/ballots/new",
        data={"revision_number": "1", "closes_on": "2001-01-01"},
    )
    assert response.status_code == 400
    assert "The closing date must be in the future." in response.text
    assert 'value="2001-01-01"' in response.text
    assert db.session.scalar(select(Ballot.id)) is None


def test_a_second_ballot_is_refused_while_one_is_open(client, as_user, s, ballot):
    as_user(s.chair)
    response = client.post(
        f"/standards/{ballot.standard_id}/ballots/new", data={"revision_number": "1"}
    )
    assert response.status_code == 409
    assert "A ballot is already open on this standard." in response.text
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1


def test_a_ballot_on_a_revision_the_chair_did_not_read_is_refused(client, as_user, s, standard):
    as_user(s.chair)
    form = client.get(f"/standards/{standard.id}/ballots/new")
    assert 'name="revision_number" type="hidden" value="1"' in form.text
    new_revision(s, standard)
    db.session.commit()
    response = client.post(f"/standards/{standard.id}/ballots/new", data={"revision_number": "1"})
    assert response.status_code == 409
    assert "Revision 2 was saved after the revision you looked at" in response.text
    assert db.session.scalar(select(Ballot.id)) is None


def test_the_chair_closes_a_ballot_that_passed(client, as_user, s, standard, ballot):
    for user in s.voters:
        vote(user, ballot, P.APPROVE)
    db.session.commit()
    as_user(s.chair)
    response = client.post(f"/ballots/{ballot.id}/close")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "The ballot passed." in page
    assert "Every condition of the rule held." in page
    db.session.refresh(standard)
    assert standard.status is StandardStatus.APPROVED
    panel = client.get(f"/standards/{standard.id}").text
    assert f"/standards/{standard.id}/publication-request" in panel  # the chair asks the agency
    assert f"/standards/{standard.id}/publish" not in panel


def test_the_chair_cancels_a_ballot_with_a_reason(client, as_user, s, standard, ballot):
    as_user(s.chair)
    response = client.post(f"/ballots/{ballot.id}/cancel", data={"reason": "Falta el elemento 3."})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Reason: Falta el elemento 3." in page
    db.session.refresh(ballot)
    assert ballot.status is BallotStatus.CANCELLED


def test_the_ballot_list_shows_every_ballot(client, as_user, s, standard, ballot):
    new_revision(s, standard)
    open_on(s, standard)
    db.session.commit()
    as_user(s.union)
    page = client.get(f"/standards/{standard.id}/ballots").text
    assert "Ballot on revision 1" in page and "Ballot on revision 2" in page
    assert "Stale" in page and "Open" in page


def test_the_chair_edits_the_consensus_rule_from_a_preset(client, as_user, s):
    as_user(s.chair)
    page = client.get(f"/committees/{s.committee.slug}/consensus-rule?preset=iso")
    assert page.status_code == 200
    assert 'name="supermajority" type="text" value="2/3"' in page.text
    response = client.post(
        f"/committees/{s.committee.slug}/consensus-rule",
        data={
            "min_approvals": "3",
            "group_min_approvals": "0",
            "group_min_share": "",
            "max_open_objections": "",
            "supermajority": "75%",
            "max_negative_share": "1/4",
            "authors_may_approve": "y",
        },
    )
    assert response.status_code == 302
    db.session.refresh(s.committee)
    assert s.committee.consensus_rule["supermajority"] == "3/4"
    assert s.committee.consensus_rule["majority"] is False
    page = client.get(response.headers["Location"]).text
    assert "At least three quarters of the votes cast are approvals." in page


def test_an_impossible_rule_is_sent_back_naming_the_field(client, as_user, s):
    as_user(s.admin)
    response = client.post(
        f"/committees/{s.committee.slug}/consensus-rule",
        data={"min_approvals": "2", "group_min_approvals": "1", "supermajority": "40%"},
    )
    assert response.status_code == 400
    assert "Enter a share above one half and up to 1" in response.text
    assert 'value="40%"' in response.text
    db.session.refresh(s.committee)
    assert s.committee.consensus_rule == {}
