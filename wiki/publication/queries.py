"""Reading published editions (by code, per standard, by status, who replaced whom) and
publication requests."""

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.pagination import Page, paginate
from wiki.publication.codes import format_edition_code
from wiki.publication.lifecycle import EditionStatus, RequestStatus
from wiki.publication.models import Edition, EditionRendering, PublicationRequest
from wiki.publication.succession import EditionRecord, Succession, successions
from wiki.standards.models import Revision, Standard


def editions_of(standard_id: int) -> list[Edition]:
    return list(
        db.session.execute(
            select(Edition)
            .where(Edition.standard_id == standard_id)
            .order_by(Edition.edition_number)
        ).scalars()
    )


def edition_page(code: str, locale: str) -> tuple[Edition, list[Edition], EditionRendering | None]:
    """The edition, every edition of its standard in order (each with its committee), and
    the edition's body kept in ``locale`` if it is: one query."""
    of_standard = select(Edition.standard_id).where(Edition.code == code.upper())
    rows = db.session.execute(
        select(Edition, EditionRendering)
        .outerjoin(
            EditionRendering,
            (EditionRendering.edition_id == Edition.id) & (EditionRendering.locale == locale),
        )
        .where(Edition.standard_id == of_standard.scalar_subquery())
        .options(joinedload(Edition.committee))
        .order_by(Edition.edition_number)
    ).all()
    for edition, kept in rows:
        if edition.code == code.upper():
            return edition, [row[0] for row in rows], kept
    raise NotFound(N_("No standard has the code %(code)s."), code=code)


def edition_by_code(code: str) -> Edition:
    edition = db.session.execute(
        select(Edition).where(Edition.code == code.upper())
    ).scalar_one_or_none()
    if edition is None:
        raise NotFound(N_("No standard has the code %(code)s."), code=code)
    return edition


def _listing(status: EditionStatus, committee_id: int | None):
    query = select(Edition).where(Edition.status == status)
    if committee_id is not None:
        query = query.where(Edition.committee_id == committee_id)
    return query


def current_editions(limit: int | None = 25, *, committee_id: int | None = None) -> list[Edition]:
    """Editions in force, most recently published first (of one committee, if given)."""
    query = _listing(EditionStatus.CURRENT, committee_id)
    query = query.order_by(Edition.published_at.desc(), Edition.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def withdrawn_editions(limit: int | None = 25, *, committee_id: int | None = None) -> list[Edition]:
    """Withdrawn editions, most recently withdrawn first (of one committee, if given)."""
    query = _listing(EditionStatus.WITHDRAWN, committee_id)
    query = query.order_by(Edition.withdrawn_at.desc(), Edition.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def status_counts() -> dict[EditionStatus, int]:
    """How many editions the registry holds in each status (every status, zero included)."""
    counted = dict(
        db.session.execute(select(Edition.status, func.count()).group_by(Edition.status)).all()
    )
    return {status: counted.get(status, 0) for status in EditionStatus}


def registry_page(status: EditionStatus | None, page: int, per_page: int) -> Page:
    """One page of the registry by code, of editions in ``status`` (None: every edition)."""
    query = select(Edition).order_by(Edition.code)
    if status is not None:
        query = query.where(Edition.status == status)
    return paginate(query, page=page, per_page=per_page)


def succession_among(editions: Iterable[Edition]) -> dict[str, Succession]:
    """The successions of ``editions``, which are every edition of their standards."""
    return successions(
        EditionRecord(e.standard_id, e.edition_number, e.status, e.code) for e in editions
    )


def succession_of(editions: Iterable[Edition]) -> dict[str, Succession]:
    """The "supersedes" and "superseded by" codes of ``editions``, by code."""
    standard_ids = {edition.standard_id for edition in editions}
    if not standard_ids:
        return {}
    rows = db.session.execute(
        select(Edition.standard_id, Edition.edition_number, Edition.status, Edition.code).where(
            Edition.standard_id.in_(sorted(standard_ids))
        )
    )
    return successions(EditionRecord(*row) for row in rows)


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


def waiting_request(standard_id: int) -> PublicationRequest | None:
    """The standard's request waiting for the agency, if any (there is at most one)."""
    return db.session.execute(
        select(PublicationRequest).where(
            PublicationRequest.standard_id == standard_id,
            PublicationRequest.status == RequestStatus.REQUESTED,
        )
    ).scalar_one_or_none()


def latest_request(standard_id: int) -> PublicationRequest | None:
    """The standard's newest publication request, whatever became of it."""
    return db.session.execute(
        select(PublicationRequest)
        .where(PublicationRequest.standard_id == standard_id)
        .order_by(PublicationRequest.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def requests_page(status: RequestStatus, page: int, per_page: int, committee_ids=None) -> Page:
    """Requests in ``status``, oldest waiting first (newest first once answered); only those of
    ``committee_ids`` when given."""
    query = (
        select(PublicationRequest)
        .join(Standard, Standard.id == PublicationRequest.standard_id)
        .options(
            joinedload(PublicationRequest.standard).joinedload(Standard.committee),
            joinedload(PublicationRequest.revision).load_only(Revision.id, Revision.number),
            joinedload(PublicationRequest.requested_by),
        )
        .where(PublicationRequest.status == status)
    )
    if committee_ids is not None:
        query = query.where(Standard.committee_id.in_(committee_ids))
    if status == RequestStatus.REQUESTED:
        query = query.order_by(PublicationRequest.requested_at, PublicationRequest.id)
    else:
        query = query.order_by(PublicationRequest.decided_at.desc(), PublicationRequest.id.desc())
    return paginate(query, page=page, per_page=per_page)


def request_counts(committee_ids=None) -> dict[RequestStatus, int]:
    """How many requests are in each status (of ``committee_ids`` when given)."""
    query = (
        select(PublicationRequest.status, func.count())
        .join(Standard, Standard.id == PublicationRequest.standard_id)
        .group_by(PublicationRequest.status)
    )
    if committee_ids is not None:
        query = query.where(Standard.committee_id.in_(committee_ids))
    counts = dict.fromkeys(RequestStatus, 0)
    counts.update({RequestStatus(status): n for status, n in db.session.execute(query)})
    return counts


def publication_request(request_id: int) -> PublicationRequest:
    """The publication request with this id; ``NotFound`` if there is none."""
    found = db.session.get(PublicationRequest, request_id)
    if found is None:
        raise NotFound(N_("No such publication request."))
    return found
