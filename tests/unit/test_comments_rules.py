"""Pure rules of discussions: anchoring and the outdated-thread rule, mentions, dispositions,
consultation windows, the comment permissions, and report cells."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.comment_factories import BODY
from wiki import permissions
from wiki.comments.anchoring import (
    AnchorState,
    anchor_state,
    describe_part,
    describe_parts,
    excerpt,
    heading_anchor,
    is_outdated,
)
from wiki.comments.dispositions import (
    Disposition,
    ThreadStatus,
    check_disposition,
    needs_disposition,
)
from wiki.comments.mentions import Member, mark_mentions, mentioned_names, resolve_mentions
from wiki.comments.reports import safe_cell
from wiki.consultations.windows import (
    MAX_WINDOW,
    WindowState,
    ballot_block,
    check_window,
    window_state,
)
from wiki.errors import InvalidInput
from wiki.permissions import ANONYMOUS, Actor, Seat
from wiki.roles import Role, StakeholderGroup
from wiki.standards.rendering import render_markdown
from wiki.standards.structure import Structure, parse_structure

ASIGNA = "2. Asigna la mesa al comensal de acuerdo con la disponibilidad."
TOMA = "3. Toma la orden del comensal ofreciéndole la carta y las sugerencias del día."


def _id_of(structure: Structure, fragment: str) -> str:
    return next(p.part_id for p in describe_parts(structure) if fragment in p.title)


def _state(thread_part: str, written: Structure, shown: Structure) -> AnchorState:
    return anchor_state(written.part_text(thread_part), shown.part_text(thread_part))


def test_outdated_rule_across_three_revisions_compares_with_the_written_text():
    r1 = parse_structure(BODY)
    asigna = _id_of(r1, "Asigna la mesa")
    # Revision 2 rewords another criterion: the thread on "Asigna la mesa" is still current.
    r2 = parse_structure(BODY.replace("sugerencias del día", "sugerencias de la casa"), r1)
    assert _state(asigna, r1, r2) is AnchorState.CURRENT
    # Revision 3 rewords the criterion itself: the thread is outdated, the id is the same.
    r3 = parse_structure(
        BODY.replace("de acuerdo con la disponibilidad", "según la disponibilidad de mesas"), r2
    )
    assert asigna in r3.part_ids()
    assert _state(asigna, r1, r3) is AnchorState.CHANGED
    assert is_outdated(_state(asigna, r1, r3))
    # A later revision restoring the words makes it current again: only the written text counts.
    r4 = parse_structure(BODY, r3)
    assert _state(asigna, r1, r4) is AnchorState.CURRENT


def test_removing_the_part_makes_the_thread_outdated_as_removed():
    r1 = parse_structure(BODY)
    asigna = _id_of(r1, "Asigna la mesa")
    r2 = parse_structure(BODY.replace(ASIGNA + "\n", "").replace("3. Toma", "2. Toma"), r1)
    assert _state(asigna, r1, r2) is AnchorState.REMOVED
    # The removed id never comes back, even for a new criterion in the same place.
    r3 = parse_structure(BODY.replace(ASIGNA, "2. Acomoda al comensal en su mesa."), r2)
    assert asigna not in r3.part_ids()


def test_changing_a_criterion_outdates_its_element_but_not_the_other_element():
    r1 = parse_structure(BODY)
    r2 = parse_structure(BODY.replace("sugerencias del día", "sugerencias de la casa"), r1)
    assert _state("E0875", r1, r2) is AnchorState.CHANGED
    assert _state("E0876", r1, r2) is AnchorState.CURRENT


@given(st.text(max_size=40))
def test_same_text_is_always_current(text):
    assert anchor_state(text, text) is AnchorState.CURRENT
    assert anchor_state(text, None) is AnchorState.REMOVED


def test_parts_are_described_in_document_order_with_their_owner():
    structure = parse_structure(BODY)
    parts = describe_parts(structure)
    kinds = [p.kind for p in parts]
    assert kinds[:2] == ["section", "section"]
    assert kinds.index("element") < kinds.index("performance")
    toma = next(p for p in parts if p.title.startswith("Toma la orden"))
    assert (toma.kind, toma.number, toma.owner, toma.depth) == ("performance", 3, "E0875", 1)
    assert describe_part(structure, toma.part_id) == toma
    assert describe_part(structure, "E9999-d1") is None
    element = describe_part(structure, "E0876")
    assert (element.kind, element.number, element.owner) == ("element", 2, "E0876")


def test_excerpt_cuts_long_text_with_an_ellipsis():
    assert excerpt("corto") == "corto"
    long = "palabra " * 40
    assert len(excerpt(long)) == 90 and excerpt(long).endswith("…")


def test_a_criterion_points_at_its_element_heading():
    structure = parse_structure(BODY)
    toc = [[e.level, e.anchor, e.title] for e in render_markdown(BODY).toc]
    toma = _id_of(structure, "Toma la orden")
    anchor = heading_anchor(structure, toma, toc)
    assert anchor == heading_anchor(structure, "E0875", toc)
    assert anchor is not None and "e0875" in anchor.lower()
    assert heading_anchor(structure, "s-purpose", toc) is not None
    assert heading_anchor(structure, "missing", toc) is None


MEMBERS = [
    Member(1, "Lucía Hernández", "lucia@ejemplo.mx"),
    Member(2, "Juan Pérez", "juan@ejemplo.mx"),
    Member(3, "Juan Pérez", "juan.perez@otro.mx"),
]


def test_mentions_match_names_and_emails_whatever_case_or_accent_encoding():
    decomposed = "Lucía Hernández".replace("í", "i\u0301")
    found = resolve_mentions(
        f"Hola @[{decomposed}] y @[LUCIA@EJEMPLO.MX], también @[juan.perez@otro.mx].", MEMBERS
    )
    assert found.user_ids == {1, 3}
    assert found.problems == ()


def test_unknown_and_ambiguous_mentions_are_reported_not_dropped():
    found = resolve_mentions("@[Nadie Conocido] y @[Juan Pérez]", MEMBERS)
    assert found.user_ids == frozenset()
    assert [(p.code, p.name) for p in found.problems] == [
        ("unknown", "Nadie Conocido"),
        ("ambiguous", "Juan Pérez"),
    ]


def test_links_emails_and_plain_at_signs_are_not_mentions():
    text = "Ver [manual](https://x.mx), @[texto](https://y.mx), correo ana@ejemplo.mx, @Lucía"
    assert mentioned_names(text) == []


def test_marking_mentions_bolds_members_and_escapes_markdown_in_names():
    members = [Member(7, "Ana *Star* [x]", "ana@ejemplo.mx")]
    marked = mark_mentions("Gracias @[ana@ejemplo.mx] y @[Otra]", members)
    assert marked == r"Gracias **@Ana \*Star\* \[x\]** y @[Otra]"


@given(st.sampled_from(MEMBERS[:2]), st.text(alphabet="abc xyz.,", max_size=30))
def test_a_member_mentioned_anywhere_in_text_is_found(member, filler):
    found = resolve_mentions(f"{filler} @[{member.display_name}] {filler}", MEMBERS[:2])
    assert found.user_ids == {member.user_id}


def test_rejection_needs_a_reason_and_every_disposition_a_reply():
    with pytest.raises(InvalidInput, match="reason for rejecting"):
        check_disposition("rejected", "  ")
    with pytest.raises(InvalidInput, match="reply that explains"):
        check_disposition("noted", "")
    with pytest.raises(InvalidInput, match="Choose how"):
        check_disposition("maybe", "Texto")
    assert check_disposition("accepted_in_part", "Se acepta el punto 1.") is (
        Disposition.ACCEPTED_IN_PART
    )


@pytest.mark.parametrize(
    ("in_consultation", "status", "removed", "disposition", "expected"),
    [
        (True, ThreadStatus.RESOLVED, False, None, True),
        (True, ThreadStatus.OPEN, False, Disposition.NOTED, False),
        (True, ThreadStatus.OPEN, True, None, False),
        (False, ThreadStatus.OPEN, False, None, True),
        (False, ThreadStatus.RESOLVED, False, None, False),
    ],
)
def test_which_threads_wait_for_a_disposition(
    in_consultation, status, removed, disposition, expected
):
    assert (
        needs_disposition(
            in_consultation=in_consultation,
            status=status,
            root_removed=removed,
            disposition=disposition,
        )
        is expected
    )


T0 = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("now", "closed", "state"),
    [
        (T0 - dt.timedelta(seconds=1), None, WindowState.SCHEDULED),
        (T0, None, WindowState.OPEN),
        (T0 + dt.timedelta(days=10) - dt.timedelta(seconds=1), None, WindowState.OPEN),
        (T0 + dt.timedelta(days=10), None, WindowState.ENDED),
        (T0 + dt.timedelta(days=2), T0 + dt.timedelta(days=1), WindowState.CLOSED),
    ],
)
def test_window_state_over_time(now, closed, state):
    assert window_state(T0, T0 + dt.timedelta(days=10), closed, now) is state


def test_windows_must_close_after_opening_and_within_the_limit():
    with pytest.raises(InvalidInput, match="after the opening"):
        check_window(T0, T0)
    with pytest.raises(InvalidInput, match="at most") as too_long:
        check_window(T0, T0 + MAX_WINDOW + dt.timedelta(seconds=1))
    assert too_long.value.details == {"days": 180}
    check_window(T0, T0 + MAX_WINDOW)


def test_an_unclosed_consultation_blocks_a_ballot_before_missing_dispositions():
    assert ballot_block(unclosed_consultations=1, undisposed_threads=3).code == (
        "consultation_not_closed"
    )
    block = ballot_block(unclosed_consultations=0, undisposed_threads=3)
    assert (block.code, block.count) == ("dispositions_missing", 3)
    assert ballot_block(unclosed_consultations=0, undisposed_threads=0) is None


def _actor(role=None, *, user_id=5, admin=False, public=False, committee=1):
    seats = (
        (Seat(committee, role, role is not Role.OBSERVER, StakeholderGroup.UNION),) if role else ()
    )
    return Actor(user_id=user_id, is_admin=admin, is_public=public, seats=seats)


def test_only_members_comment_on_drafts_and_anyone_logged_in_in_an_open_consultation():
    member, observer = _actor(Role.MEMBER), _actor(Role.OBSERVER)
    outsider, admin, public = _actor(), _actor(admin=True), _actor(public=True)
    assert permissions.can_comment(member, 1) and permissions.can_comment(observer, 1)
    assert not permissions.can_comment(outsider, 1)
    assert not permissions.can_comment(admin, 1)
    assert not permissions.can_comment(member, 1, committee_archived=True)
    assert permissions.can_comment(public, 1, consultation_open=True)
    assert not permissions.can_comment(ANONYMOUS, 1, consultation_open=True)


def test_threads_are_public_only_in_consultations_or_on_editions_of_open_committees():
    outsider = _actor()
    assert not permissions.can_read_thread(outsider, 1)
    assert not permissions.can_read_thread(outsider, 1, on_published_edition=True)
    assert permissions.can_read_thread(
        ANONYMOUS, 1, on_published_edition=True, comments_public=True
    )
    assert permissions.can_read_thread(ANONYMOUS, 1, in_consultation=True)
    assert not permissions.can_read_thread(ANONYMOUS, 1, comments_public=True)
    assert permissions.can_read_thread(_actor(Role.OBSERVER), 1)
    assert permissions.can_read_thread(_actor(admin=True), 1)


def test_nobody_changes_another_persons_comment_but_admins_may_hide_it():
    chair, admin = _actor(Role.CHAIR, user_id=1), _actor(admin=True, user_id=2)
    for verb in (permissions.can_edit_comment, permissions.can_delete_comment):
        assert verb(_actor(user_id=9), author_id=9)
        assert not verb(chair, author_id=9)
        assert not verb(admin, author_id=9)
        assert not verb(ANONYMOUS, author_id=9)
    assert permissions.can_hide_comment(admin) and not permissions.can_hide_comment(chair)


def test_thread_author_and_chair_resolve_only_the_chair_disposes():
    chair, author = _actor(Role.CHAIR, user_id=1), _actor(Role.MEMBER, user_id=2)
    other = _actor(Role.MEMBER, user_id=3)
    assert permissions.can_resolve_thread(chair, 1, thread_author_id=2)
    assert permissions.can_resolve_thread(author, 1, thread_author_id=2)
    assert not permissions.can_resolve_thread(other, 1, thread_author_id=2)
    assert not permissions.can_resolve_thread(ANONYMOUS, 1, thread_author_id=2)
    assert permissions.can_record_disposition(chair, 1)
    assert not permissions.can_record_disposition(author, 1)
    assert not permissions.can_record_disposition(_actor(admin=True), 1)


def test_watching_needs_a_log_in_and_something_the_person_may_read():
    assert not permissions.can_watch(ANONYMOUS, 1, publicly_readable=True)
    assert permissions.can_watch(_actor(public=True), 1, publicly_readable=True)
    assert not permissions.can_watch(_actor(public=True), 1, publicly_readable=False)
    assert permissions.can_watch(_actor(Role.OBSERVER), 1, publicly_readable=False)


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-2", "@[Ana]", "\tx"])
def test_report_cells_never_start_a_spreadsheet_formula(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Texto con = dentro") == "Texto con = dentro"
    assert safe_cell(None) == ""
