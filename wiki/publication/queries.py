"""Reading published editions: by code, per standard, and the newest in force."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.publication.codes import format_edition_code
from wiki.publication.models import Edition
from wiki.standards.models import Revision, Standard


def editions_of(standard_id: int) -> list[Edition]:
    return list(
        db.session.execute(
            select(Edition)
            .where(Edition.standard_id == standard_id)
            .order_by(Edition.edition_number)
        ).scalars()
    )


def edition_by_code(code: str) -> Edition:
    edition = db.session.execute(
        select(Edition).where(Edition.code == code.upper())
    ).scalar_one_or_none()
    if edition is None:
        raise NotFound(N_("No standard has the code %(code)s."), code=code)
    return edition


def published(limit: int = 25) -> list[Standard]:
    """Standards with a published edition, most recently published first."""
    return list(
        db.session.execute(
            select(Standard)
            .join(Edition, Edition.id == Standard.current_edition_id)
            .options(
                joinedload(Standard.committee),
                joinedload(Standard.current_edition)
                .joinedload(Edition.revision)
                .load_only(Revision.title),
            )
            .order_by(Edition.published_at.desc())
            .limit(limit)
        ).scalars()
    )


def next_edition_number(standard: Standard) -> int:
    """The number the standard's next edition will get (1 for its first)."""
    highest = db.session.scalar(
        select(func.max(Edition.edition_number)).where(Edition.standard_id == standard.id)
    )
    return (highest or 0) + 1


def next_edition_code(standard: Standard) -> str | None:
    """The code the standard's next edition will get; None before its code is allocated."""
    if standard.code_number is None:
        return None
    return format_edition_code(standard.code_number, next_edition_number(standard))
