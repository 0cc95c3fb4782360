"""Reading published editions (by code, per standard, the newest in force) and publication
requests."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.pagination import Page, paginate
from wiki.publication.codes import format_edition_code
from wiki.publication.lifecycle import RequestStatus
from wiki.publication.models import Edition, PublicationRequest
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
