"""Who runs ballots, votes, asks for publication, publishes, withdraws, corrects the official act
and sees reviews due."""

import pytest

from wiki.permissions import (
    Actor,
    Seat,
    can_edit_official_act,
    can_publish,
    can_request_publication,
    can_run_ballots,
    can_view_reviews_due,
    can_vote,
    can_withdraw,
)
from wiki.roles import Role, StakeholderGroup

COMMITTEE, OTHER = 1, 2


def _actor(role=None, *, can_vote=True, admin=False):
    seats = () if role is None else (Seat(COMMITTEE, role, can_vote, StakeholderGroup.UNION),)
    return Actor(user_id=7, is_admin=admin, seats=seats)


PEOPLE = {
    "chair": _actor(Role.CHAIR),
    "voting_member": _actor(Role.MEMBER),
    "non_voting_member": _actor(Role.MEMBER, can_vote=False),
    "observer": _actor(Role.OBSERVER, can_vote=False),
    "admin": _actor(admin=True),
    "outsider": _actor(),
    "anonymous": Actor(),
}

#: who may do what on committee 1, as issue 6 item 10 says (publication: issue 12 item 4)
ALLOWED = {
    "run_ballots": {"chair"},
    "vote": {"chair", "voting_member"},
    "request_publication": {"chair"},
    "publish": {"admin"},
    "withdraw": {"admin"},
    "edit_official_act": {"admin"},
    "view_reviews_due": {"chair", "voting_member", "non_voting_member", "observer", "admin"},
}


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_the_permission_matrix(who):
    actor = PEOPLE[who]
    granted = {
        "run_ballots": can_run_ballots(actor, COMMITTEE),
        "vote": can_vote(actor, COMMITTEE),
        "request_publication": can_request_publication(actor, COMMITTEE),
        "publish": can_publish(actor, COMMITTEE),
        "withdraw": can_withdraw(actor),
        "edit_official_act": can_edit_official_act(actor),
        "view_reviews_due": can_view_reviews_due(actor, COMMITTEE),
    }
    assert {name for name, yes in granted.items() if yes} == {
        name for name, people in ALLOWED.items() if who in people
    }


def test_a_seat_elsewhere_gives_no_right_here():
    chair_elsewhere = Actor(
        user_id=8, seats=(Seat(OTHER, Role.CHAIR, True, StakeholderGroup.INDUSTRY),)
    )
    assert not can_run_ballots(chair_elsewhere, COMMITTEE)
    assert not can_vote(chair_elsewhere, COMMITTEE)
    assert not can_publish(chair_elsewhere, COMMITTEE)
    assert not can_publish(chair_elsewhere, COMMITTEE, chairs_may_publish=True)
    assert not can_request_publication(chair_elsewhere, COMMITTEE)
    assert not can_view_reviews_due(chair_elsewhere, COMMITTEE)
    assert can_view_reviews_due(chair_elsewhere)


def test_the_due_list_needs_some_seat_or_admin_rights():
    assert not can_view_reviews_due(PEOPLE["outsider"])
    assert not can_view_reviews_due(PEOPLE["anonymous"])
    assert can_view_reviews_due(PEOPLE["admin"])
