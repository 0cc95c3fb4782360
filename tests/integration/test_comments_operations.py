"""Discussion operations against the database: threads, replies, edits, deletion, hiding,
resolution, dispositions, mentions, permissions, and the outdated-thread rule on real saves."""

import pytest
from sqlalchemy import select

from tests.comment_factories import (
    BODY,
    actor,
    comment,
    count,
    new_standard,
    part_id,
    save,
)
from wiki.audit.models import AuditEntry
from wiki.comments import operations as comments
from wiki.comments import queries
from wiki.comments.anchoring import AnchorState
from wiki.comments.dispositions import Disposition, ThreadStatus
from wiki.comments.models import Comment, CommentEdit, Mention, Thread
from wiki.errors import Conflict, InvalidInput, NotAllowed, NotFound, TooLarge
from wiki.extensions import db
from wiki.standards import queries as standards


def _nothing_saved(before):
    assert (count(Thread), count(Comment), count(Mention)) == before


def _counts():
    return count(Thread), count(Comment), count(Mention)


def test_thread_on_a_criterion_records_revision_part_and_the_parts_text(p, standard):
    asigna = part_id(standard, "Asigna la mesa")
    thread = comment(p.education, standard, "¿«Disponibilidad» incluye reservaciones?", asigna)
    assert thread.number == 1
    assert thread.revision_id == standard.head_revision_id
    assert thread.part_id == asigna
    assert "Asigna la mesa" in thread.part_text
    assert thread.author_id == p.education.id and thread.status is ThreadStatus.OPEN
    assert thread.root.revision_id == standard.head_revision_id
    assert thread.root.body_html == "<p>¿«Disponibilidad» incluye reservaciones?</p>"


def test_threads_are_numbered_per_standard(p, standard):
    other = new_standard(p.chair, p.committee, title="Cobro en restaurantes")
    assert [comment(p.union, standard).number for _ in range(2)] == [1, 2]
    assert comment(p.union, other).number == 1


def test_a_general_comment_has_no_part(p, standard):
    thread = comment(p.observer, standard, "Comentario general sobre el alcance.")
    assert thread.part_id is None and thread.part_text is None


def test_markdown_is_sanitized_once_and_cached(p, standard):
    thread = comment(
        p.union,
        standard,
        '**Importante** <script>alert(1)</script><img src=x onerror="alert(2)"> '
        "[enlace](javascript:alert(3))",
    )
    html = thread.root.body_html
    assert "<strong>Importante</strong>" in html
    for bad in ("<script", "onerror", "javascript:"):
        assert bad not in html
    assert thread.root.body_markdown.startswith("**Importante**")


def test_comment_on_a_part_that_does_not_exist_is_refused(p, standard):
    before = _counts()
    with pytest.raises(comments.UnknownPart, match="has no part") as refused:
        comment(p.union, standard, "Texto", part="E0875-d99")
    assert refused.value.details["part"] == "E0875-d99"
    _nothing_saved(before)


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_empty_comment_is_refused(p, standard, body):
    before = _counts()
    with pytest.raises(InvalidInput, match="Write your comment"):
        comment(p.union, standard, body)
    _nothing_saved(before)


def test_too_long_comment_is_refused(p, standard):
    with pytest.raises(TooLarge):
        comment(p.union, standard, "a" * (comments.MAX_COMMENT_CHARS + 1))


def test_comment_on_a_revision_that_does_not_exist_is_refused(p, standard):
    with pytest.raises(InvalidInput, match="does not exist"):
        comment(p.union, standard, number=99)


def test_mention_of_a_non_member_is_refused_with_the_name(p, standard):
    before = _counts()
    with pytest.raises(InvalidInput, match="not a member") as refused:
        comment(p.union, standard, f"Pregunta a @[{p.outsider.display_name}]")
    assert refused.value.details["name"] == p.outsider.display_name
    _nothing_saved(before)


def test_mentions_of_members_are_stored_and_shown_in_bold(p, standard):
    thread = comment(p.union, standard, f"@[{p.chair.display_name}], ¿lo revisamos?")
    assert [m.user_id for m in thread.root.mentions] == [p.chair.id]
    assert f"<strong>@{p.chair.display_name}</strong>" in thread.root.body_html


def test_outsiders_cannot_learn_a_draft_exists(p, standard):
    with pytest.raises(NotFound):
        comment(p.outsider, standard)
    with pytest.raises(NotFound):
        comment(p.public, standard)


def test_admins_read_but_do_not_comment_without_a_seat(p, standard):
    with pytest.raises(NotAllowed):
        comment(p.admin, standard)
    thread = comment(p.union, standard)
    assert queries.readable_thread(actor(p.admin), thread.id) == thread
    with pytest.raises(NotFound):
        queries.readable_thread(actor(p.outsider), thread.id)


def test_reply_records_the_revision_it_was_written_on(p, standard):
    thread = comment(p.union, standard)
    revision = save(p.chair, standard, BODY.replace("2024", "2025"))
    answer = comments.reply(actor(p.chair), thread.id, "Lo revisamos en la revisión 2.")
    assert answer.revision_id == revision.id
    assert [c.id for c in thread.replies] == [answer.id]


def test_reply_to_a_thread_whose_opening_comment_was_deleted_is_refused(p, standard):
    thread = comment(p.union, standard)
    comments.delete_comment(actor(p.union), thread.root.id)
    before = _counts()
    with pytest.raises(Conflict, match="was removed"):
        comments.reply(actor(p.chair), thread.id, "¿Sigue vigente?")
    _nothing_saved(before)


def test_outsider_cannot_reply_and_cannot_see_the_thread(p, standard):
    thread = comment(p.union, standard)
    with pytest.raises(NotFound):
        comments.reply(actor(p.outsider), thread.id, "Hola")


def test_editing_keeps_the_earlier_text_and_marks_the_comment_edited(p, standard):
    thread = comment(p.union, standard, "Primera versión.")
    edited = comments.edit_comment(actor(p.union), thread.root.id, "Segunda versión, *mejor*.")
    assert edited.edited_at is not None
    assert edited.body_html == "<p>Segunda versión, <em>mejor</em>.</p>"
    assert [(e.body_markdown, e.body_html) for e in edited.edits] == [
        ("Primera versión.", "<p>Primera versión.</p>")
    ]


def test_saving_the_same_text_is_not_an_edit(p, standard):
    thread = comment(p.union, standard, "Igual.")
    comments.edit_comment(actor(p.union), thread.root.id, "Igual.  ")
    assert thread.root.edited_at is None and count(CommentEdit) == 0


@pytest.mark.parametrize("who", ["chair", "education", "admin"])
@pytest.mark.parametrize("verb", ["edit", "delete"])
def test_nobody_edits_or_deletes_another_persons_comment(p, standard, who, verb):
    thread = comment(p.union, standard, "Mi comentario.")
    with pytest.raises(NotAllowed):
        if verb == "edit":
            comments.edit_comment(actor(getattr(p, who)), thread.root.id, "Cambiado.")
        else:
            comments.delete_comment(actor(getattr(p, who)), thread.root.id)
    db.session.refresh(thread.root)
    assert thread.root.body_markdown == "Mi comentario." and thread.root.deleted_at is None


def test_deleting_removes_the_text_and_its_history_but_keeps_the_thread(p, standard):
    thread = comment(p.union, standard, f"Texto con @[{p.chair.display_name}].")
    comments.reply(actor(p.chair), thread.id, "Respuesta.")
    comments.edit_comment(actor(p.union), thread.root.id, f"Texto 2 @[{p.chair.display_name}].")
    comments.delete_comment(actor(p.union), thread.root.id)
    db.session.refresh(thread)
    root = thread.root
    assert root.is_deleted and root.body_markdown == "" and root.body_html == ""
    assert root.edits == [] and root.mentions == []
    assert count(CommentEdit) == 0
    assert [c.body_markdown for c in thread.replies] == ["Respuesta."]
    assert thread.root_removed
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "comment.deleted"))
    assert entry.actor_id == p.union.id and "Texto" not in str(entry.after)


def test_admin_hides_a_comment_with_the_reason_in_the_audit_log(p, standard):
    thread = comment(p.union, standard, "Texto ofensivo.")
    comments.hide_comment(actor(p.admin), thread.root.id, "Lenguaje ofensivo")
    root = thread.root
    assert root.is_hidden and root.hidden_by_id == p.admin.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "comment.hidden"))
    assert (entry.actor_id, entry.reason, entry.subject_id) == (
        p.admin.id,
        "Lenguaje ofensivo",
        root.id,
    )
    with pytest.raises(Conflict, match="hid this comment"):
        comments.edit_comment(actor(p.union), root.id, "Otro texto.")


def test_hiding_needs_an_admin_and_a_reason(p, standard):
    thread = comment(p.union, standard)
    with pytest.raises(NotAllowed):
        comments.hide_comment(actor(p.chair), thread.root.id, "No me gusta")
    with pytest.raises(InvalidInput, match="reason"):
        comments.hide_comment(actor(p.admin), thread.root.id, "  ")
    assert not thread.root.is_hidden


@pytest.mark.parametrize("who", ["union", "chair"])
def test_thread_author_or_chair_resolves_and_reopens(p, standard, who):
    thread = comment(p.union, standard)
    comments.resolve_thread(actor(getattr(p, who)), thread.id)
    assert thread.status is ThreadStatus.RESOLVED and thread.resolved_by_id == getattr(p, who).id
    comments.reopen_thread(actor(getattr(p, who)), thread.id)
    assert thread.status is ThreadStatus.OPEN and thread.resolved_at is None
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.subject_type == "thread").order_by(AuditEntry.id)
    ).all()
    assert actions == ["thread.resolved", "thread.reopened"]


@pytest.mark.parametrize("who", ["education", "observer", "admin"])
def test_others_cannot_resolve_a_thread(p, standard, who):
    thread = comment(p.union, standard)
    with pytest.raises(NotAllowed):
        comments.resolve_thread(actor(getattr(p, who)), thread.id)
    assert thread.status is ThreadStatus.OPEN


def test_chair_records_a_disposition_with_a_reply_and_the_thread_is_resolved(p, standard):
    thread = comment(p.union, standard)
    answer = comments.record_disposition(
        actor(p.chair), thread.id, "rejected", "El criterio ya cubre ese caso."
    )
    assert answer.disposition is Disposition.REJECTED and answer.thread_id == thread.id
    assert thread.disposition is Disposition.REJECTED and thread.disposed_by_id == p.chair.id
    assert thread.status is ThreadStatus.RESOLVED
    assert thread.disposition_reply.id == answer.id
    comments.record_disposition(actor(p.chair), thread.id, "accepted", "Lo reconsideramos.")
    assert thread.disposition is Disposition.ACCEPTED
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "thread.disposition_recorded")
    ).all()
    assert [(e.before, e.after["disposition"]) for e in entries] == [
        ({"disposition": None}, "rejected"),
        ({"disposition": "rejected"}, "accepted"),
    ]


def test_rejection_without_a_reason_records_nothing(p, standard):
    thread = comment(p.union, standard)
    before = _counts()
    with pytest.raises(InvalidInput, match="reason for rejecting"):
        comments.record_disposition(actor(p.chair), thread.id, "rejected", "")
    _nothing_saved(before)
    assert thread.disposition is None


def test_only_the_chair_records_dispositions(p, standard):
    thread = comment(p.union, standard)
    for who in (p.union, p.education, p.admin):
        with pytest.raises(NotAllowed):
            comments.record_disposition(actor(who), thread.id, "noted", "Visto.")


def test_a_reply_recording_a_disposition_cannot_be_deleted(p, standard):
    thread = comment(p.union, standard)
    answer = comments.record_disposition(actor(p.chair), thread.id, "noted", "Tomado en cuenta.")
    with pytest.raises(Conflict, match="records a disposition"):
        comments.delete_comment(actor(p.chair), answer.id)


def test_no_disposition_for_a_thread_whose_opening_comment_was_deleted(p, standard):
    thread = comment(p.union, standard)
    comments.delete_comment(actor(p.union), thread.root.id)
    with pytest.raises(Conflict):
        comments.record_disposition(actor(p.chair), thread.id, "noted", "Nada que decidir.")


def test_outdated_rule_across_three_revisions_of_real_saves(p, standard):
    asigna = part_id(standard, "Asigna la mesa")
    toma = part_id(standard, "Toma la orden")
    on_asigna = comment(p.union, standard, "Sobre asignar mesa.", asigna)
    on_toma = comment(p.education, standard, "Sobre tomar la orden.", toma)
    general = comment(p.chair, standard, "General.")
    r2_body = BODY.replace("sugerencias del día", "sugerencias de la casa")
    r2 = save(p.chair, standard, r2_body)
    panel = queries.discussion_panel(queries.threads_of_standard(standard.id), r2)
    states = {v.thread.id: v.state for g in panel.groups for v in g.threads}
    assert states == {on_asigna.id: AnchorState.CURRENT, on_toma.id: AnchorState.CHANGED}
    r3_body = r2_body.replace(
        "2. Asigna la mesa al comensal de acuerdo con la disponibilidad.\n", ""
    ).replace("3. Toma", "2. Toma")
    r3 = save(p.union, standard, r3_body)
    panel = queries.discussion_panel(queries.threads_of_standard(standard.id), r3)
    assert [v.thread.id for v in panel.removed] == [on_asigna.id]
    assert panel.removed[0].state is AnchorState.REMOVED
    assert panel.removed[0].part.title.startswith("Asigna la mesa")
    assert panel.removed[0].written_number == 1
    # "Toma la orden" was reworded in revision 2 and compared with the text of revision 1.
    toma_view = next(v for g in panel.groups for v in g.threads if v.thread.id == on_toma.id)
    assert toma_view.state is AnchorState.CHANGED and toma_view.outdated
    assert [v.thread.id for v in panel.general] == [general.id]
    # Shown beside revision 1, nothing is outdated.
    panel = queries.discussion_panel(
        queries.threads_of_standard(standard.id), standards.revision(standard.id, 1)
    )
    assert not any(v.outdated for g in panel.groups for v in g.threads) and not panel.removed
    assert r3.number == 3


def test_panel_groups_threads_by_part_in_document_order(p, standard):
    cobrar = part_id(standard, "Presenta la cuenta")
    purpose = "s-purpose"
    comment(p.union, standard, "Sobre cobrar.", cobrar)
    comment(p.union, standard, "Sobre el propósito.", purpose)
    comment(p.union, standard, "Otra sobre cobrar.", cobrar)
    panel = queries.discussion_panel(
        queries.threads_of_standard(standard.id), standard.head_revision
    )
    assert [g.part.part_id for g in panel.groups] == [purpose, cobrar]
    assert [len(g.threads) for g in panel.groups] == [1, 2]
    assert panel.groups[1].anchor is not None
