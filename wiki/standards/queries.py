"""Reading standards with the viewer's rights applied: what may be shown, and cheap listings."""

from collections import defaultdict

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

#: how many of a person's revisions (and votes) a profile lists
RECENT_LIMIT = 20


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


def where_drafts_readable(query, actor: Actor):
    """``query`` (which joins ``Standard``) kept to standards whose drafts the actor may read."""
    if actor.is_admin:
        return query
    return query.where(Standard.committee_id.in_(actor.committee_ids))


def revisions_by(actor: Actor, user_id: int, limit: int = RECENT_LIMIT) -> list[Revision]:
    """A person's latest revisions, on the standards whose drafts the actor may read."""
    query = (
        select(Revision)
        .join(Standard, Revision.standard_id == Standard.id)
        .options(*[defer(column) for column in _HEAVY], joinedload(Revision.standard))
        .where(Revision.author_id == user_id)
        .order_by(Revision.created_at.desc(), Revision.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(where_drafts_readable(query, actor)))


def standards_by_status(actor: Actor, committee_id: int) -> list[tuple[StandardStatus, list]]:
    """The committee's standards grouped by status, for those who may read its drafts.

    Everyone else gets nothing here: they see the committee's editions (``wiki.publication``),
    whose titles are the ones published, not the next draft's.
    """
    if not permissions.can_read_drafts(actor, committee_id):
        return []
    query = (
        select(Standard)
        .options(joinedload(Standard.current_edition))
        .where(Standard.committee_id == committee_id)
        .order_by(Standard.title)
    )
    grouped = defaultdict(list)
    for standard in db.session.scalars(query).unique():
        grouped[standard.status].append(standard)
    return [(status, grouped[status]) for status in StandardStatus if grouped[status]]
