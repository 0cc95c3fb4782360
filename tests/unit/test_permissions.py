"""Every permission predicate, for every kind of actor: one table, read row by row.

Committee 1 is "our" committee; the chair of another committee sits on committee 2 only. A
deactivated user's snapshot is ``ANONYMOUS``: ``actor_for_user`` returns it for inactive users
(checked in tests/integration/test_committees_operations.py), so a deactivated user is refused
everything anonymous is.
"""

import inspect

import pytest

from wiki import permissions
from wiki.permissions import ANONYMOUS, Actor, Seat
from wiki.roles import Role, StakeholderGroup

OURS, OTHER = 1, 2
SELF_ID = 10  # the user id of every logged-in actor below; profiles use it as "own"
SOMEONE_ELSE = 99


def _actor(*seats, admin=False, public=False) -> Actor:
    return Actor(user_id=SELF_ID, is_admin=admin, is_public=public, seats=tuple(seats))


ROLES = {
    "anonymous": ANONYMOUS,
    "deactivated": ANONYMOUS,
    "public": _actor(public=True),
    "observer": _actor(Seat(OURS, Role.OBSERVER, False, StakeholderGroup.EDUCATION)),
    "member_no_vote": _actor(Seat(OURS, Role.MEMBER, False, StakeholderGroup.UNION)),
    "voting_member": _actor(Seat(OURS, Role.MEMBER, True, StakeholderGroup.UNION)),
    "chair": _actor(Seat(OURS, Role.CHAIR, True, StakeholderGroup.INDUSTRY)),
    "other_chair": _actor(Seat(OTHER, Role.CHAIR, True, StakeholderGroup.INDUSTRY)),
    "admin": _actor(admin=True),
}

MEMBERS = {"observer", "member_no_vote", "voting_member", "chair"}
EVERYONE = set(ROLES)
LOGGED_IN = EVERYONE - {"anonymous", "deactivated"}

#: (row name, call, the roles it allows); every predicate appears at least once
TABLE = [
    ("can_administer", lambda a: permissions.can_administer(a), {"admin"}),
    ("can_read_drafts", lambda a: permissions.can_read_drafts(a, OURS), MEMBERS | {"admin"}),
    (
        "can_edit_drafts",
        lambda a: permissions.can_edit_drafts(a, OURS),
        {"member_no_vote", "voting_member", "chair"},
    ),
    (
        "can_edit_drafts of an archived committee",
        lambda a: permissions.can_edit_drafts(a, OURS, committee_archived=True),
        set(),
    ),
    ("can_manage_members", lambda a: permissions.can_manage_members(a, OURS), {"chair", "admin"}),
    (
        "can_manage_members of the other committee",
        lambda a: permissions.can_manage_members(a, OTHER),
        {"other_chair", "admin"},
    ),
    (
        "can_view_committee_audit",
        lambda a: permissions.can_view_committee_audit(a, OURS),
        {"chair", "admin"},
    ),
    (
        "can_set_consensus_rule",
        lambda a: permissions.can_set_consensus_rule(a, OURS),
        {"chair", "admin"},
    ),
    ("can_run_ballots", lambda a: permissions.can_run_ballots(a, OURS), {"chair"}),
    ("can_vote", lambda a: permissions.can_vote(a, OURS), {"voting_member", "chair"}),
    ("can_publish", lambda a: permissions.can_publish(a, OURS), {"admin"}),
    (
        "can_publish where chairs may publish",
        lambda a: permissions.can_publish(a, OURS, chairs_may_publish=True),
        {"chair", "admin"},
    ),
    (
        "can_request_publication",
        lambda a: permissions.can_request_publication(a, OURS),
        {"chair"},
    ),
    (
        "can_review_publication_requests",
        lambda a: permissions.can_review_publication_requests(a),
        {"admin"},
    ),
    (
        "can_review_publication_requests where chairs may publish",
        lambda a: permissions.can_review_publication_requests(a, chairs_may_publish=True),
        {"chair", "other_chair", "admin"},
    ),
    ("can_withdraw", lambda a: permissions.can_withdraw(a), {"admin"}),
    ("can_comment_on_drafts", lambda a: permissions.can_comment_on_drafts(a, OURS), MEMBERS),
    (
        "can_comment_in_consultation while open",
        lambda a: permissions.can_comment_in_consultation(a, consultation_open=True),
        LOGGED_IN,
    ),
    (
        "can_comment_in_consultation once closed",
        lambda a: permissions.can_comment_in_consultation(a, consultation_open=False),
        set(),
    ),
    (
        "can_view_profile of a committee member",
        lambda a: permissions.can_view_profile(a, SOMEONE_ELSE, user_is_public=False),
        LOGGED_IN,
    ),
    (
        "can_view_profile of someone else's public account",
        lambda a: permissions.can_view_profile(a, SOMEONE_ELSE, user_is_public=True),
        {"admin"},
    ),
    (
        "can_view_profile of one's own public account",
        lambda a: permissions.can_view_profile(a, SELF_ID, user_is_public=True),
        LOGGED_IN,
    ),
    ("can_edit_official_act", lambda a: permissions.can_edit_official_act(a), {"admin"}),
    (
        "can_view_reviews_due of our committee",
        lambda a: permissions.can_view_reviews_due(a, OURS),
        MEMBERS | {"admin"},
    ),
    (
        "can_view_reviews_due of any committee",
        lambda a: permissions.can_view_reviews_due(a),
        MEMBERS | {"other_chair", "admin"},
    ),
    (
        "can_read_thread on a draft",
        lambda a: permissions.can_read_thread(a, OURS),
        MEMBERS | {"admin"},
    ),
    (
        "can_read_thread in a consultation",
        lambda a: permissions.can_read_thread(a, OURS, in_consultation=True),
        EVERYONE,
    ),
    (
        "can_read_thread on an edition whose comments are public",
        lambda a: permissions.can_read_thread(
            a, OURS, on_published_edition=True, comments_public=True
        ),
        EVERYONE,
    ),
    (
        "can_read_thread on an edition whose comments are private",
        lambda a: permissions.can_read_thread(a, OURS, on_published_edition=True),
        MEMBERS | {"admin"},
    ),
    ("can_comment on a draft", lambda a: permissions.can_comment(a, OURS), MEMBERS),
    (
        "can_comment in an open consultation",
        lambda a: permissions.can_comment(a, OURS, consultation_open=True),
        LOGGED_IN,
    ),
    (
        "can_comment on an archived committee's consultation",
        lambda a: permissions.can_comment(a, OURS, committee_archived=True, consultation_open=True),
        set(),
    ),
    (
        "can_edit_comment of one's own",
        lambda a: permissions.can_edit_comment(a, author_id=SELF_ID),
        LOGGED_IN,
    ),
    (
        "can_edit_comment of someone else's",
        lambda a: permissions.can_edit_comment(a, author_id=SOMEONE_ELSE),
        set(),
    ),
    (
        "can_delete_comment of one's own",
        lambda a: permissions.can_delete_comment(a, author_id=SELF_ID),
        LOGGED_IN,
    ),
    (
        "can_delete_comment of someone else's",
        lambda a: permissions.can_delete_comment(a, author_id=SOMEONE_ELSE),
        set(),
    ),
    ("can_hide_comment", lambda a: permissions.can_hide_comment(a), {"admin"}),
    (
        "can_resolve_thread someone else started",
        lambda a: permissions.can_resolve_thread(a, OURS, thread_author_id=SOMEONE_ELSE),
        {"chair"},
    ),
    (
        "can_resolve_thread one started",
        lambda a: permissions.can_resolve_thread(a, OURS, thread_author_id=SELF_ID),
        LOGGED_IN,
    ),
    ("can_record_disposition", lambda a: permissions.can_record_disposition(a, OURS), {"chair"}),
    (
        "can_read_dispositions of a consultation",
        lambda a: permissions.can_read_dispositions(a, OURS, consultation=True),
        EVERYONE,
    ),
    (
        "can_read_dispositions of committee comments",
        lambda a: permissions.can_read_dispositions(a, OURS, consultation=False),
        MEMBERS | {"admin"},
    ),
    (
        "can_read_consultation while open",
        lambda a: permissions.can_read_consultation(a, OURS, window_open=True),
        EVERYONE,
    ),
    (
        "can_read_consultation once closed",
        lambda a: permissions.can_read_consultation(a, OURS, window_open=False),
        MEMBERS | {"admin"},
    ),
    (
        "can_watch a publicly readable standard",
        lambda a: permissions.can_watch(a, OURS, publicly_readable=True),
        LOGGED_IN,
    ),
    (
        "can_watch a draft",
        lambda a: permissions.can_watch(a, OURS, publicly_readable=False),
        MEMBERS | {"admin"},
    ),
    ("can_edit_profile of oneself", lambda a: permissions.can_edit_profile(a, SELF_ID), LOGGED_IN),
    (
        "can_edit_profile of someone else",
        lambda a: permissions.can_edit_profile(a, SOMEONE_ELSE),
        set(),
    ),
]


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize(("row", "call", "allowed"), TABLE, ids=[row for row, _, _ in TABLE])
def test_predicate_allows_exactly_the_roles_in_the_table(row, call, allowed, role):
    assert call(ROLES[role]) is (role in allowed)


def test_every_predicate_in_the_policy_module_has_a_row():
    predicates = {
        name
        for name, value in vars(permissions).items()
        if name.startswith("can_") and inspect.isfunction(value)
    }
    covered = {row.split(" ")[0] for row, _, _ in TABLE}
    assert predicates - covered == set(), "add rows for these predicates to TABLE"


def test_table_names_only_known_roles():
    for _row, _call, allowed in TABLE:
        assert allowed <= set(ROLES)


def test_policy_module_imports_neither_flask_nor_the_database():
    source = inspect.getsource(permissions)
    assert "flask" not in source
    assert "db.session" not in source and "sqlalchemy" not in source
