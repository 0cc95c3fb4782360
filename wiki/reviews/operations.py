"""Notifying committees of editions due for review (a job run by cron, not by a person)."""

import datetime as dt

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from wiki import events
from wiki.audit.operations import record_change
from wiki.db import utcnow
from wiki.extensions import db
from wiki.reviews.models import ReviewNotice
from wiki.reviews.queries import DueEdition, editions_due


def notify_due_reviews(today: dt.date) -> list[DueEdition]:
    """Send ``review_due`` once for every edition in force whose review date has come.

    The notice row (unique per edition) is inserted with ``ON CONFLICT DO NOTHING``: when two
    runs overlap, only the one whose row goes in notifies. The caller commits.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    sent = []
    for due in editions_due(today):
        if due.notified_at is not None:
            continue
        edition = due.edition
        inserted = db.session.execute(
            insert(ReviewNotice)
            .values(edition_id=edition.id, due_on=due.due_on, notified_at=utcnow())
            .on_conflict_do_nothing(index_elements=[ReviewNotice.edition_id])
            .returning(ReviewNotice.id)
        ).scalar()
        if inserted is None:
            continue
        standard = edition.standard
        record_change(
            None, "edition.review_due", edition,
            after={"edition": edition.code, "due_on": due.due_on.isoformat()},
        )
        events.review_due.send(standard, edition=edition, due_on=due.due_on)
        sent.append(due)
    db.session.flush()
    return sent
