"""Opening and closing public consultations (the chair), through the standard's life cycle.

Each function takes the actor, re-checks permission, locks the standard, applies the life-cycle
table, writes the audit entry, sends its event and flushes; the caller commits.
"""

import datetime as dt

from sqlalchemy.exc import IntegrityError

from wiki import events, permissions
from wiki.audit.operations import record_change
from wiki.consultations.models import Consultation
from wiki.consultations.queries import NO_SUCH_CONSULTATION, unclosed_of
from wiki.consultations.windows import check_window
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.standards.lifecycle import StandardAction, next_status
from wiki.standards.operations import lock_standard


def open_consultation(
    actor: Actor, standard_id: int, *, closes_at: dt.datetime, opens_at: dt.datetime | None = None
) -> Consultation:
    """Open a comment window on the standard's current revision, from now (or ``opens_at``).

    Raises ``NotAllowed`` unless chair, ``InvalidInput`` for a window that closes in the past
    or too late, ``InvalidTransition`` unless the standard is a draft.
    """
    standard = lock_standard(standard_id)
    if not permissions.can_run_ballots(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may open a public consultation."))
    now = utcnow()
    opens_at = opens_at or now
    if opens_at < now - dt.timedelta(minutes=5):
        raise InvalidInput(N_("The opening date cannot be in the past."))
    if closes_at <= now:
        raise InvalidInput(N_("The closing date must be in the future."))
    check_window(opens_at, closes_at)
    if unclosed_of(standard.id) is not None:
        raise Conflict(N_("A public consultation on this standard has not been closed yet."))
    before = standard.status
    standard.status = next_status(standard.status, StandardAction.OPEN_CONSULTATION)
    consultation = Consultation(
        standard_id=standard.id,
        revision_id=standard.head_revision_id,
        opens_at=opens_at,
        closes_at=closes_at,
        opened_by_id=actor.user_id,
    )
    db.session.add(consultation)
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise Conflict(
            N_("A public consultation on this standard has not been closed yet.")
        ) from exc
    record_change(
        actor, "consultation.opened", consultation,
        before={"status": str(before)},
        after={
            "status": str(standard.status),
            "revision": consultation.revision.number,
            "opens_at": opens_at.isoformat(),
            "closes_at": closes_at.isoformat(),
        },
    )
    events.consultation_opened.send(standard, consultation=consultation)
    return consultation


def close_consultation(actor: Actor, consultation_id: int) -> Consultation:
    """Close the consultation (early, or after its window ended); its comments then need
    dispositions before a ballot can open."""
    consultation = lock_row(
        Consultation, consultation_id, NO_SUCH_CONSULTATION, standard_first=True, key_share=True
    )
    standard = consultation.standard
    if not permissions.can_run_ballots(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may close a public consultation."))
    if consultation.closed_at is not None:
        raise Conflict(N_("This consultation is already closed."))
    before = standard.status
    standard.status = next_status(standard.status, StandardAction.CLOSE_CONSULTATION)
    consultation.closed_at = utcnow()
    consultation.closed_by_id = actor.user_id
    db.session.flush()
    record_change(
        actor, "consultation.closed", consultation,
        before={"status": str(before)}, after={"status": str(standard.status)},
    )
    events.consultation_closed.send(standard, consultation=consultation)
    return consultation
