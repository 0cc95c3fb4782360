"""Editions due for review, as far as the viewer may see them."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wiki.extensions import db
from wiki.permissions import Actor
from wiki.publication.lifecycle import EditionStatus
from wiki.publication.models import Edition
from wiki.reviews.models import ReviewNotice
from wiki.reviews.schedule import is_due, review_due_on
from wiki.standards.models import Standard


@dataclass(frozen=True)
class DueEdition:
    """An edition in force whose review date has come."""

    edition: Edition
    due_on: dt.date
    #: when its committee was notified (None: not yet)
    notified_at: dt.datetime | None


def due_on(edition: Edition) -> dt.date:
    """The edition's review date (see ``wiki.reviews.schedule``)."""
    return review_due_on(
        edition.published_at.date(), edition.review_period_years, edition.gazette_published_on
    )


def editions_due(today: dt.date, committee_ids: frozenset[int] | None = None) -> list[DueEdition]:
    """Editions in force due for review on ``today``, oldest review date first.

    ``committee_ids`` limits them to those committees (None: every committee). About as many
    editions are in force as standards exist, so the dates are computed here rather than in SQL.
    """
    query = (
        select(Edition, ReviewNotice.notified_at)
        .join(Standard, Standard.id == Edition.standard_id)
        .outerjoin(ReviewNotice, ReviewNotice.edition_id == Edition.id)
        .options(joinedload(Edition.standard).joinedload(Standard.committee))
        .where(Edition.status == EditionStatus.CURRENT)
    )
    if committee_ids is not None:
        query = query.where(Standard.committee_id.in_(committee_ids))
    found = []
    for edition, notified_at in db.session.execute(query).unique():
        day = due_on(edition)
        if is_due(day, today):
            found.append(DueEdition(edition, day, notified_at))
    return sorted(found, key=lambda d: (d.due_on, d.edition.code))


def editions_due_for(actor: Actor, today: dt.date) -> list[DueEdition]:
    """The due list the actor may see: every committee's for admins, their own for members."""
    return editions_due(today, None if actor.is_admin else actor.committee_ids)
