"""Public consultations: the dated window, public comments, closing, and how they hold a ballot
until every comment has a disposition."""

import pytest
from sqlalchemy import select

from tests.comment_factories import (
    BODY,
    actor,
    comment,
    days,
    notifications_of,
    open_ballot,
    part_id,
    save,
)
from wiki.audit.models import AuditEntry
from wiki.comments import operations as comments
from wiki.comments import queries as comment_queries
from wiki.consultations import operations as consultations
from wiki.consultations import queries
from wiki.consultations.windows import WindowState
from wiki.errors import Conflict, InvalidInput, InvalidTransition, NotAllowed, NotFound
from wiki.extensions import db
from wiki.notifications.kinds import NotificationKind as K
from wiki.standards.lifecycle import StandardStatus


@pytest.fixture
def consultation(p, standard):
    return consultations.open_consultation(actor(p.chair), standard.id, closes_at=days(14))


def _end_window(consultation):
    consultation.opens_at = days(-20)
    consultation.closes_at = days(-1)
    db.session.flush()


def test_chair_opens_a_dated_window_on_the_current_revision(p, standard, consultation):
    assert consultation.revision_id == standard.head_revision_id
    assert consultation.state() is WindowState.OPEN and consultation.is_open
    assert standard.status is StandardStatus.CONSULTATION
    assert queries.open_window_of(standard.id) == consultation
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "consultation.opened"))
    assert entry.actor_id == p.chair.id and entry.after["revision"] == 1
    assert [n.kind for n in notifications_of(p.observer)] == [K.CONSULTATION_OPENED]


@pytest.mark.parametrize("who", ["union", "observer", "admin", "outsider"])
def test_only_the_chair_opens_a_consultation(p, standard, who):
    with pytest.raises(NotAllowed):
        consultations.open_consultation(actor(getattr(p, who)), standard.id, closes_at=days(5))
    assert standard.status is StandardStatus.DRAFT


def test_window_must_close_in_the_future_and_not_too_late(p, standard):
    with pytest.raises(InvalidInput, match="future"):
        consultations.open_consultation(actor(p.chair), standard.id, closes_at=days(-1))
    with pytest.raises(InvalidInput, match="at most"):
        consultations.open_consultation(actor(p.chair), standard.id, closes_at=days(400))
    assert queries.unclosed_of(standard.id) is None


def test_a_second_consultation_cannot_open_before_the_first_is_closed(p, standard, consultation):
    with pytest.raises((Conflict, InvalidTransition)):
        consultations.open_consultation(actor(p.chair), standard.id, closes_at=days(3))


def test_any_logged_in_person_comments_while_the_window_is_open(p, standard, consultation):
    asigna = part_id(standard, "Asigna la mesa")
    thread = comment(p.public, standard, "Como comensal, prefiero elegir mesa.", asigna)
    assert thread.consultation_id == consultation.id
    assert thread.revision_id == consultation.revision_id
    member_thread = comment(p.observer, standard, "Comentario de un miembro.")
    assert member_thread.consultation_id == consultation.id
    answer = comments.reply(actor(p.outsider), thread.id, "Yo también.")
    assert answer.revision_id == consultation.revision_id


def test_public_comments_go_on_the_consultation_revision_only(p, standard, consultation):
    save(p.union, standard, BODY + "\nCambio durante la consulta.\n")
    with pytest.raises(NotAllowed):
        comment(p.public, standard, number=2)
    assert comment(p.public, standard, number=1).consultation_id == consultation.id


def test_nobody_outside_comments_once_the_window_has_ended(p, standard, consultation):
    thread = comment(p.public, standard)
    _end_window(consultation)
    with pytest.raises(NotFound):
        comment(p.public, standard, number=1)
    with pytest.raises(NotAllowed):
        comments.reply(actor(p.public), thread.id, "Una cosa más.")
    with pytest.raises(Conflict, match="closed"):
        comments.edit_comment(actor(p.public), thread.root.id, "Cambio mi comentario.")
    assert queries.open_window_of(standard.id) is None
    # Members still answer, for instance with the disposition.
    comments.record_disposition(actor(p.chair), thread.id, "noted", "Gracias.")


def test_closing_is_for_the_chair_and_returns_the_standard_to_draft(p, standard, consultation):
    with pytest.raises(NotAllowed):
        consultations.close_consultation(actor(p.union), consultation.id)
    consultations.close_consultation(actor(p.chair), consultation.id)
    assert consultation.closed_at is not None and consultation.state() is WindowState.CLOSED
    assert standard.status is StandardStatus.DRAFT
    with pytest.raises(Conflict, match="already closed"):
        consultations.close_consultation(actor(p.chair), consultation.id)


def test_a_ballot_waits_until_the_consultation_is_closed_and_every_comment_disposed(
    p, standard, consultation
):
    first = comment(p.public, standard, "Primer comentario.")
    second = comment(p.outsider, standard, "Segundo comentario.")
    deleted = comment(p.outsider, standard, "Me equivoqué.")
    comments.delete_comment(actor(p.outsider), deleted.root.id)
    with pytest.raises(Conflict):
        open_ballot(p, standard)
    consultations.close_consultation(actor(p.chair), consultation.id)
    assert comment_queries.consultation_blocks_ballot(standard.id)
    with pytest.raises(Conflict, match="disposition") as blocked:
        open_ballot(p, standard)
    assert blocked.value.details == {"count": 2}
    comments.record_disposition(actor(p.chair), first.id, "accepted", "Se incorpora.")
    with pytest.raises(Conflict, match="disposition"):
        open_ballot(p, standard)
    comments.record_disposition(actor(p.chair), second.id, "rejected", "Fuera del alcance.")
    assert not comment_queries.consultation_blocks_ballot(standard.id)
    assert open_ballot(p, standard).revision_id == standard.head_revision_id


def test_commenters_hear_that_the_consultation_closed(p, standard, consultation):
    comment(p.public, standard)
    consultations.close_consultation(actor(p.chair), consultation.id)
    assert K.CONSULTATION_CLOSED in [n.kind for n in notifications_of(p.public)]
