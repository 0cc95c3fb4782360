"""Publication requests: the chair asks the agency to publish the approved revision; the agency
publishes it (``operations.publish_edition``) or sends the request back with a reason.

Each function takes the actor, re-checks permission, locks the standard first (then the request),
writes the audit entry and flushes; the caller commits.
"""

from flask import current_app
from sqlalchemy.exc import IntegrityError

from wiki import events, permissions
from wiki.audit.operations import record_change
from wiki.ballots.queries import passed_ballot_on
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.publication.lifecycle import RequestAction, RequestStatus, next_request_status
from wiki.publication.models import Edition, PublicationRequest
from wiki.publication.queries import waiting_request
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Revision, Standard
from wiki.standards.operations import lock_standard

#: longest note with a request, or reason for sending one back
MAX_REQUEST_TEXT = 2000
NO_SUCH_REQUEST = N_("No such publication request.")
ONLY_PUBLISHERS = N_("Only the agency's administrators may publish or send a request back.")

#: why nothing can be published, by the standard's status, when no approved revision waits
NOTHING_APPROVED = {
    StandardStatus.DRAFT: N_(
        "No ballot on the current revision has passed, so it cannot be published."
    ),
    StandardStatus.CONSULTATION: N_(
        "The current revision is in public consultation; it needs a ballot that passes before "
        "it can be published."
    ),
    StandardStatus.BALLOT: N_(
        "The ballot on the current revision is still open. It must close and pass before the "
        "revision can be published."
    ),
    StandardStatus.APPROVED: N_(
        "No ballot on the current revision has passed, so it cannot be published."
    ),
    StandardStatus.PUBLISHED: N_("The current revision is already published."),
    StandardStatus.WITHDRAWN: N_("This standard was withdrawn; it can no longer be published."),
}


def chairs_may_publish() -> bool:
    """The ``CHAIRS_MAY_PUBLISH`` setting: whether chairs publish their committee's standards."""
    return bool(current_app.config.get("CHAIRS_MAY_PUBLISH", False))


def may_publish(actor: Actor, committee_id: int) -> bool:
    """``permissions.can_publish`` under this site's setting."""
    return permissions.can_publish(actor, committee_id, chairs_may_publish=chairs_may_publish())


def approved_revision(standard: Standard) -> Revision:
    """The revision waiting for publication; raises ``Conflict`` saying why there is none."""
    if standard.status == StandardStatus.WITHDRAWN or standard.approved_revision_id is None:
        raise Conflict(NOTHING_APPROVED[standard.status])
    return standard.approved_revision


def _clean_text(text: str | None, field: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_REQUEST_TEXT:
        raise InvalidInput(
            N_("This is longer than %(limit)d characters."), field=field, limit=MAX_REQUEST_TEXT
        )
    return text


def request_publication(actor: Actor, standard_id: int, note: str = "") -> PublicationRequest:
    """The chair asks the agency to publish the approved revision, with an optional note.

    Raises ``NotAllowed`` unless the committee's chair, ``Conflict`` when no approved revision
    waits or a request already waits, ``InvalidInput`` for a note that is too long.
    """
    standard = lock_standard(standard_id)
    if not permissions.can_request_publication(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may ask for publication."))
    note = _clean_text(note, "note")
    revision = approved_revision(standard)
    if waiting_request(standard.id) is not None:
        raise Conflict(N_("A request to publish this standard is already waiting for the agency."))
    ballot = passed_ballot_on(revision.id)
    if ballot is None:  # pragma: no cover - a revision is approved by a ballot that passed
        raise Conflict(NOTHING_APPROVED[StandardStatus.DRAFT])
    request = PublicationRequest(
        standard_id=standard.id,
        revision_id=revision.id,
        ballot_id=ballot.id,
        status=RequestStatus.REQUESTED,
        note=note,
        requested_by_id=actor.user_id,
        requested_at=utcnow(),
    )
    db.session.add(request)
    try:
        db.session.flush()
    except IntegrityError as exc:  # only without the standard's lock
        raise Conflict(
            N_("A request to publish this standard is already waiting for the agency.")
        ) from exc
    record_change(
        actor, "publication.requested", request,
        after={"status": str(request.status), "revision": revision.number},
        reason=note,
    )
    events.publication_requested.send(standard, request=request)
    return request


def send_back_request(actor: Actor, request_id: int, reason: str) -> PublicationRequest:
    """The agency returns a waiting request to the committee, saying why; the chair is told.

    Raises ``NotAllowed`` unless the actor may publish, ``InvalidInput`` without a reason,
    ``Conflict`` when the request was already decided.
    """
    request = lock_row(PublicationRequest, request_id, NO_SUCH_REQUEST, standard_first=True)
    standard = request.standard
    if not may_publish(actor, standard.committee_id):
        raise NotAllowed(ONLY_PUBLISHERS)
    reason = _clean_text(reason, "reason")
    if not reason:
        raise InvalidInput(
            N_("Say why the request is sent back, so the committee knows what to fix."),
            field="reason",
        )
    _decide(request, RequestAction.SEND_BACK, actor)
    request.reason = reason
    db.session.flush()
    record_change(
        actor, "publication.sent_back", request,
        before={"status": str(RequestStatus.REQUESTED)},
        after={"status": str(request.status), "revision": request.revision.number},
        reason=reason,
    )
    events.publication_sent_back.send(standard, request=request)
    return request


def mark_published(request: PublicationRequest, edition: Edition, actor: Actor) -> None:
    """Record that ``edition`` answered the waiting ``request`` (``publish_edition`` calls it)."""
    _decide(request, RequestAction.PUBLISH, actor)
    request.edition_id = edition.id


def _decide(request: PublicationRequest, action: RequestAction, actor: Actor) -> None:
    if request.status != RequestStatus.REQUESTED:
        raise Conflict(N_("This request was already answered."))
    request.status = next_request_status(request.status, action)
    request.decided_by_id = actor.user_id
    request.decided_at = utcnow()
