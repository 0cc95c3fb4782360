"""Reading consultations, and the check that keeps a ballot from opening before dispositions."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from wiki.comments.models import Thread
from wiki.consultations.models import Consultation
from wiki.consultations.windows import BallotBlock, WindowState, ballot_block
from wiki.db import utcnow
from wiki.errors import Conflict, NotFound
from wiki.extensions import db
from wiki.i18n import N_

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
    """Consultations whose window is open now, closing soonest first (the public list)."""
    now = utcnow()
    return list(
        db.session.execute(
            select(Consultation)
            .where(
                Consultation.closed_at.is_(None),
                Consultation.opens_at <= now,
                Consultation.closes_at > now,
            )
            .order_by(Consultation.closes_at)
        ).scalars()
    )


def undisposed_count(standard_id: int) -> int:
    """Consultation threads of the standard still waiting for the chair's disposition."""
    threads = db.session.execute(
        select(Thread)
        .options(selectinload(Thread.comments))
        .where(
            Thread.standard_id == standard_id,
            Thread.consultation_id.is_not(None),
            Thread.disposition.is_(None),
        )
    ).scalars()
    return sum(t.needs_disposition for t in threads)


def ballot_block_of(standard_id: int) -> BallotBlock | None:
    """What in the standard's consultations stops a ballot from opening, or None."""
    unclosed = db.session.scalar(
        select(func.count())
        .select_from(Consultation)
        .where(Consultation.standard_id == standard_id, Consultation.closed_at.is_(None))
    )
    return ballot_block(
        unclosed_consultations=unclosed or 0, undisposed_threads=undisposed_count(standard_id)
    )


def consultation_blocks_ballot(standard_id: int) -> bool:
    """Whether a consultation still open, or comments without a disposition, stop a ballot."""
    return ballot_block_of(standard_id) is not None


def check_ballot_allowed(standard_id: int) -> None:
    """Raise ``Conflict`` with a clear message when consultations stop a ballot from opening."""
    block = ballot_block_of(standard_id)
    if block is None:
        return
    if block.code == "consultation_not_closed":
        raise Conflict(
            N_("A public consultation on this standard has not been closed. Close it first.")
        )
    raise Conflict(
        N_(
            "Comments from the public consultation still waiting for a disposition: "
            "%(count)d. Record how each was handled before opening a ballot."
        ),
        count=block.count,
    )
