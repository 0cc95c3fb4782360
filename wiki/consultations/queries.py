"""Reading consultations: one, the open ones, and those of a standard."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from wiki.consultations.models import Consultation
from wiki.consultations.windows import WindowState
from wiki.db import utcnow
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.standards.models import Standard

#: what a consultation id that names no consultation is told
NO_SUCH_CONSULTATION = N_("No such consultation.")


def get_consultation(consultation_id: int) -> Consultation:
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None:
        raise NotFound(NO_SUCH_CONSULTATION)
    return consultation


def unclosed_of(standard_id: int) -> Consultation | None:
    """The standard's consultation the chair has not closed yet (at most one)."""
    return db.session.execute(
        select(Consultation).where(
            Consultation.standard_id == standard_id, Consultation.closed_at.is_(None)
        )
    ).scalar_one_or_none()


def open_window_of(standard_id: int) -> Consultation | None:
    """The standard's consultation whose comment window is open now, if any."""
    consultation = unclosed_of(standard_id)
    if consultation is not None and consultation.state() is WindowState.OPEN:
        return consultation
    return None


def latest_of(standard_id: int) -> Consultation | None:
    return db.session.execute(
        select(Consultation)
        .where(Consultation.standard_id == standard_id)
        .order_by(Consultation.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def open_consultations() -> list[Consultation]:
    """Consultations whose window is open now, closing soonest first (the public list), with the
    revision, standard and committee the list shows loaded by the same query."""
    now = utcnow()
    return list(
        db.session.execute(
            select(Consultation)
            .options(
                joinedload(Consultation.revision),
                joinedload(Consultation.standard).joinedload(Standard.committee),
            )
            .where(
                Consultation.closed_at.is_(None),
                Consultation.opens_at <= now,
                Consultation.closes_at > now,
            )
            .order_by(Consultation.closes_at)
        ).scalars()
    )


def unclosed_count(standard_id: int) -> int:
    """How many of the standard's consultations the chair has not closed (at most one)."""
    return db.session.scalar(
        select(func.count())
        .select_from(Consultation)
        .where(Consultation.standard_id == standard_id, Consultation.closed_at.is_(None))
    ) or 0
