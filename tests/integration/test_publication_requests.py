"""Publishing what was approved: the approved revision, the chair's request, the agency's answer,
and the template check that keeps template text out of the registry."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.ballot_factories import (
    actor,
    approved,
    audit_actions,
    counter_value,
    counts,
    draft,
    everyone_approves,
    new_revision,
    open_on,
    published,
    requested,
    vote,
)
from tests.comment_factories import notifications_of
from tests.standard_factories import SPANISH_BODY, create_standard
from wiki.audit.models import AuditEntry
from wiki.ballots import operations as ballots
from wiki.ballots.consensus import Position
from wiki.ballots.lifecycle import BallotStatus
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.notifications.kinds import NotificationKind as K
from wiki.publication.lifecycle import RequestStatus
from wiki.publication.models import PublicationRequest
from wiki.publication.operations import publish_edition
from wiki.publication.request_operations import request_publication, send_back_request
from wiki.standards.lifecycle import StandardStatus

#: the first line of the Spanish template's purpose, word for word
TEMPLATE_LINE = (
    "Describa en uno o dos párrafos para qué sirve este Estándar de Competencia: servir como "
    "referente"
)


def _request_and_publish(s, standard, **official_act):
    request_publication(actor(s.chair), standard.id)
    return publish_edition(actor(s.admin), standard.id, **official_act)


# The approved revision


def test_a_passing_ballot_records_its_revision_as_approved(s):
    standard, ballot = approved(s)
    assert standard.approved_revision_id == ballot.revision_id == standard.head_revision_id
    assert standard.status is StandardStatus.APPROVED


def test_publication_takes_the_approved_revision_whatever_was_saved_after_it(s):
    standard, ballot = approved(s)
    approved_text = standard.head_revision.body_markdown
    later = new_revision(s, standard, marker="Texto del siguiente borrador")
    assert standard.status is StandardStatus.DRAFT  # the next edition's draft
    assert standard.approved_revision_id == ballot.revision_id  # the approval is not lost
    edition = _request_and_publish(s, standard)
    assert edition.revision_id == ballot.revision_id
    assert edition.revision.body_markdown == approved_text
    assert "Texto del siguiente borrador" not in edition.revision.body_markdown
    assert standard.head_revision_id == later.id  # the draft goes on, untouched
    assert standard.status is StandardStatus.DRAFT
    assert standard.approved_revision_id is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edition.published"))
    assert entry.after["revision"] == 1
    assert entry.before["status"] == entry.after["status"] == "draft"


def test_publishing_while_a_ballot_on_the_next_draft_is_open_leaves_that_ballot_alone(s):
    standard, _ = approved(s)
    new_revision(s, standard)
    next_ballot = open_on(s, standard)
    edition = _request_and_publish(s, standard)
    assert edition.revision.number == 1
    assert standard.status is StandardStatus.BALLOT
    assert next_ballot.status is BallotStatus.OPEN


def test_the_next_passing_ballot_replaces_the_approved_revision(s):
    standard, _ = approved(s)
    second_revision = new_revision(s, standard)
    _, second = approved(s, standard)
    assert standard.approved_revision_id == second.revision_id == second_revision.id
    assert standard.status is StandardStatus.APPROVED
    edition = _request_and_publish(s, standard)
    assert edition.revision_id == second_revision.id
    assert standard.status is StandardStatus.PUBLISHED


def test_a_failed_ballot_on_the_next_draft_keeps_the_approval(s):
    standard, ballot = approved(s)
    new_revision(s, standard)
    failing = open_on(s, standard)
    vote(s.union, failing, Position.OBJECT, "Falta el criterio de higiene.")
    ballots.close_ballot(actor(s.chair), failing.id)
    assert standard.status is StandardStatus.DRAFT
    assert standard.approved_revision_id == ballot.revision_id


def test_publishing_clears_the_approval_so_nothing_is_published_twice(s):
    standard, _ = published(s)
    assert standard.approved_revision_id is None
    with pytest.raises(Conflict, match="already published"):
        request_publication(actor(s.chair), standard.id)
    with pytest.raises(Conflict):
        publish_edition(actor(s.admin), standard.id)


# The chair's request and the agency's answer


def test_the_chair_asks_and_the_agencys_administrators_are_told(s):
    standard, ballot = approved(s)
    request = request_publication(actor(s.chair), standard.id, "  Aprobado en la sesión 12. ")
    assert request.status is RequestStatus.REQUESTED
    assert (request.revision_id, request.ballot_id) == (ballot.revision_id, ballot.id)
    assert request.note == "Aprobado en la sesión 12."
    assert audit_actions(standard.id)[-1] == "publication.requested"
    [told] = notifications_of(s.admin, K.PUBLICATION_REQUESTED)
    assert (told.publication_request_id, told.revision_id) == (request.id, ballot.revision_id)
    assert notifications_of(s.union, K.PUBLICATION_REQUESTED) == []


@pytest.mark.parametrize("who", ["union", "observer", "admin", "outsider"])
def test_only_the_chair_asks_for_publication(s, who):
    standard, _ = approved(s)
    before = counts()
    with pytest.raises(NotAllowed):
        request_publication(actor(s[who]), standard.id)
    assert counts() == before


def test_nothing_is_asked_for_without_an_approved_revision(s):
    standard = draft(s)
    with pytest.raises(Conflict, match="No ballot on the current revision has passed"):
        request_publication(actor(s.chair), standard.id)


def test_one_request_waits_at_a_time(s):
    standard, _ = requested(s)
    before = counts()
    with pytest.raises(Conflict, match="already waiting"):
        request_publication(actor(s.chair), standard.id)
    assert counts() == before


def test_the_database_keeps_one_waiting_request_per_standard(s):
    standard, request = requested(s)
    db.session.add(
        PublicationRequest(
            standard_id=standard.id,
            revision_id=request.revision_id,
            ballot_id=request.ballot_id,
            requested_by_id=s.chair.id,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_publication_needs_the_chairs_request(s):
    standard, _ = approved(s)
    before, last = counts(), counter_value()
    with pytest.raises(Conflict, match="has not asked for revision") as caught:
        publish_edition(actor(s.admin), standard.id)
    assert caught.value.details == {"number": 1}
    assert (counts(), counter_value()) == (before, last)
    assert standard.status is StandardStatus.APPROVED


def test_a_request_sent_back_tells_the_chair_why_and_the_chair_may_ask_again(s):
    standard, request = requested(s)
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        send_back_request(actor(s.admin), request.id, "   ")
    assert caught.value.details["field"] == "reason"
    assert counts() == before and request.status is RequestStatus.REQUESTED
    send_back_request(actor(s.admin), request.id, "Falta el acta de la sesión del comité.")
    assert request.status is RequestStatus.SENT_BACK
    assert (request.decided_by_id, request.reason) == (
        s.admin.id,
        "Falta el acta de la sesión del comité.",
    )
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "publication.sent_back")
    )
    assert entry.reason == "Falta el acta de la sesión del comité."
    [told] = notifications_of(s.chair, K.PUBLICATION_SENT_BACK)
    assert told.publication_request_id == request.id
    assert standard.approved_revision_id == request.revision_id  # the approval still waits
    with pytest.raises(Conflict, match="already answered"):
        send_back_request(actor(s.admin), request.id, "Otra vez.")
    again = request_publication(actor(s.chair), standard.id)
    assert again.status is RequestStatus.REQUESTED


@pytest.mark.parametrize("who", ["chair", "union", "outsider"])
def test_only_agency_administrators_send_a_request_back(s, who):
    _, request = requested(s)
    with pytest.raises(NotAllowed):
        send_back_request(actor(s[who]), request.id, "No.")
    assert request.status is RequestStatus.REQUESTED


def test_a_request_for_an_approval_a_later_ballot_replaced_is_sent_back_not_published(s):
    standard, first = requested(s)
    new_revision(s, standard)
    approved(s, standard)
    before = counts()
    with pytest.raises(Conflict, match="but a later ballot approved") as caught:
        publish_edition(actor(s.admin), standard.id)
    assert caught.value.details == {"asked": 1, "approved": 2}
    assert counts() == before
    send_back_request(actor(s.admin), first.id, "El comité aprobó la revisión 2.")
    edition = _request_and_publish(s, standard)
    assert edition.revision.number == 2


# Template text


def _with_template_text(s):
    body = SPANISH_BODY.replace(
        "Servir como referente para la evaluación", f"{TEMPLATE_LINE}\n\nServir como referente"
    )
    return create_standard(s.union, s.committee, body=body)


def test_a_ballot_on_template_text_opens_only_when_the_chair_confirms(s):
    standard = _with_template_text(s)
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        open_on(s, standard)
    assert caught.value.details["field"] == "template_text_accepted"
    assert counts() == before
    assert standard.status is StandardStatus.DRAFT
    ballot = open_on(s, standard, template_text_accepted=True)
    assert ballot.status is BallotStatus.OPEN


def test_publication_refuses_template_text_the_committee_approved(s):
    standard = _with_template_text(s)
    ballot = open_on(s, standard, template_text_accepted=True)
    everyone_approves(s, ballot)
    ballots.close_ballot(actor(s.chair), ballot.id)
    request_publication(actor(s.chair), standard.id)  # the agency sees the list in its queue
    before, last = counts(), counter_value()
    with pytest.raises(Conflict, match="still holds template text"):
        publish_edition(actor(s.admin), standard.id)
    assert (counts(), counter_value()) == (before, last)
    assert standard.code_number is None
