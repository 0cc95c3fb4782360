"""Reading standards with the viewer's rights applied: what may be shown, and cheap listings."""

from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload

from wiki import permissions
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.pagination import Page, page_numbers
from wiki.permissions import Actor
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Revision, Standard

#: columns a history page never needs (the text and its renderings)
_HEAVY = (Revision.body_markdown, Revision.body_html, Revision.structure, Revision.toc)


def get_standard(standard_id: int) -> Standard:
    standard = db.session.get(Standard, standard_id)
    if standard is None:
        raise NotFound(N_("No such standard."))
    return standard


def readable_draft(actor: Actor, standard_id: int) -> Standard:
    """The standard, if the actor may read its drafts; NotFound otherwise (no hint it exists)."""
    standard = db.session.get(Standard, standard_id)
    if standard is None or not permissions.can_read_drafts(actor, standard.committee_id):
        raise NotFound(N_("No such standard."))
    return standard


def revision(standard_id: int, number: int) -> Revision:
    found = db.session.execute(
        select(Revision).where(Revision.standard_id == standard_id, Revision.number == number)
    ).scalar_one_or_none()
    if found is None:
        raise NotFound(N_("No such revision."))
    return found


def head_revision(standard: Standard) -> Revision:
    return db.session.get(Revision, standard.head_revision_id)


def history_page(standard: Standard, page: int, per_page: int) -> Page:
    """Revisions of one page, found by number range rather than OFFSET.

    Numbers are contiguous from 1 (the schema guarantees it), so page ``k`` holds
    numbers ``head - (k-1)*per_page`` downwards and the cost does not grow with history.
    """
    head_number = head_revision(standard).number
    page, pages = page_numbers(page, head_number, per_page)
    top = head_number - (page - 1) * per_page
    rows = (
        db.session.execute(
            select(Revision)
            .options(*[defer(column) for column in _HEAVY], joinedload(Revision.author))
            .where(
                Revision.standard_id == standard.id,
                Revision.number <= top,
                Revision.number > top - per_page,
            )
            .order_by(Revision.number.desc())
        )
        .scalars()
        .all()
    )
    return Page(items=list(rows), page=page, pages=pages, per_page=per_page, total=head_number)


def drafts_of_committees(actor: Actor, limit: int = 50) -> list[Standard]:
    """Standards of the actor's committees with work in progress, most recently changed first."""
    if not actor.committee_ids:
        return []
    return list(
        db.session.execute(
            select(Standard)
            .options(joinedload(Standard.committee))
            .where(
                Standard.committee_id.in_(actor.committee_ids),
                Standard.status != StandardStatus.PUBLISHED,
            )
            .order_by(Standard.updated_at.desc())
            .limit(limit)
        ).scalars()
    )
