"""Reading notifications, watchlists and what waits on a person ("my work")."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from wiki import permissions
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot, Vote
from wiki.comments.access import may_read_thread
from wiki.comments.dispositions import ThreadStatus
from wiki.comments.models import Comment, Mention, Thread
from wiki.consultations.models import Consultation
from wiki.consultations.queries import open_window_of
from wiki.consultations.windows import WindowState
from wiki.db import utcnow
from wiki.extensions import db
from wiki.notifications.models import Notification, NotificationPreference, Watch
from wiki.pagination import Page, paginate
from wiki.permissions import Actor
from wiki.reviews.queries import DueEdition, editions_due
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Revision, Standard

#: notifications per page
PAGE_SIZE = 50


def unread_count(user_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        )
        or 0
    )


def notification_page(user_id: int, page: int) -> Page:
    """One page of the person's notifications, newest first."""
    return paginate(
        select(Notification)
        .options(
            joinedload(Notification.actor),
            joinedload(Notification.standard),
            joinedload(Notification.revision).load_only(Revision.id, Revision.number),
            joinedload(Notification.thread),
            joinedload(Notification.edition),
            joinedload(Notification.ballot),
            joinedload(Notification.consultation),
        )
        .where(Notification.user_id == user_id)
        .order_by(Notification.id.desc()),
        page=page,
        per_page=PAGE_SIZE,
    )


def watched_standards(user_id: int) -> list[Standard]:
    return list(
        db.session.execute(
            select(Standard)
            .join(Watch, Watch.standard_id == Standard.id)
            .where(Watch.user_id == user_id)
            .order_by(Standard.title)
        ).scalars()
    )


def watcher_ids(standard_id: int) -> list[int]:
    return list(
        db.session.execute(select(Watch.user_id).where(Watch.standard_id == standard_id)).scalars()
    )


def is_watching(user_id: int | None, standard_id: int) -> bool:
    if user_id is None:
        return False
    return db.session.get(Watch, (user_id, standard_id)) is not None


def publicly_readable(standard: Standard) -> bool:
    """Whether anyone may read the standard now: an edition in force or an open consultation."""
    return standard.current_edition_id is not None or open_window_of(standard.id) is not None


def email_preference(user_id: int) -> bool:
    """Whether the person wants notification email (yes unless they turned it off)."""
    preference = db.session.get(NotificationPreference, user_id)
    return True if preference is None else preference.email


@dataclass(frozen=True)
class MyWork:
    """What waits on one person, each list oldest first."""

    #: open threads where someone mentioned the person after their last comment there
    mentions: list[Thread]
    #: threads of committees the person chairs that wait for a disposition
    dispositions: list[Thread]
    #: consultations the person must close (window over, not closed yet)
    consultations_to_close: list[Consultation]
    #: open ballots in which the person may vote and has not
    ballots: list[Ballot]
    #: editions of the person's committees past their review date
    reviews: list[DueEdition]

    @property
    def is_empty(self) -> bool:
        return not (
            self.mentions
            or self.dispositions
            or self.consultations_to_close
            or self.ballots
            or self.reviews
        )


def _threads_options():
    return (
        joinedload(Thread.standard),
        selectinload(Thread.comments).joinedload(Comment.author),
    )


def threads_mentioning(actor: Actor) -> list[Thread]:
    """Open threads that mention the actor in a comment newer than the actor's own last one."""
    rows = db.session.execute(
        select(Thread.id, func.max(Comment.id))
        .join(Comment, Comment.thread_id == Thread.id)
        .join(Mention, Mention.comment_id == Comment.id)
        .where(Mention.user_id == actor.user_id, Thread.status == ThreadStatus.OPEN)
        .group_by(Thread.id)
    ).all()
    if not rows:
        return []
    latest_mention = dict(rows)
    own_last = dict(
        db.session.execute(
            select(Comment.thread_id, func.max(Comment.id))
            .where(Comment.thread_id.in_(latest_mention), Comment.author_id == actor.user_id)
            .group_by(Comment.thread_id)
        ).all()
    )
    waiting = [t for t, mention in latest_mention.items() if mention > own_last.get(t, 0)]
    threads = db.session.execute(
        select(Thread).options(*_threads_options()).where(Thread.id.in_(waiting))
    ).scalars()
    return sorted((t for t in threads if may_read_thread(actor, t)), key=lambda t: t.created_at)


def _committees_where(actor: Actor, predicate) -> list[int]:
    """The actor's committees for which ``predicate(actor, committee_id)`` holds."""
    return [s.committee_id for s in actor.seats if predicate(actor, s.committee_id)]


def threads_awaiting_disposition(actor: Actor) -> list[Thread]:
    """Threads on the standards of committees the actor chairs that need a disposition."""
    chaired = _committees_where(actor, permissions.can_record_disposition)
    if not chaired:
        return []
    threads = db.session.execute(
        select(Thread)
        .options(*_threads_options())
        .join(Standard, Standard.id == Thread.standard_id)
        .where(
            Standard.committee_id.in_(chaired),
            Standard.status != StandardStatus.WITHDRAWN,
            Thread.disposition.is_(None),
        )
        .order_by(Thread.created_at)
    ).scalars()
    return [t for t in threads if t.needs_disposition]


def consultations_to_close(actor: Actor) -> list[Consultation]:
    chaired = _committees_where(actor, permissions.can_run_ballots)
    if not chaired:
        return []
    found = db.session.execute(
        select(Consultation)
        .join(Standard, Standard.id == Consultation.standard_id)
        .where(Standard.committee_id.in_(chaired), Consultation.closed_at.is_(None))
        .order_by(Consultation.closes_at)
    ).scalars()
    return [c for c in found if c.state() is WindowState.ENDED]


def ballots_awaiting_vote(actor: Actor) -> list[Ballot]:
    """Open ballots on the standards of committees where the actor votes and has not voted."""
    voting = _committees_where(actor, permissions.can_vote)
    if not voting:
        return []
    voted = select(Vote.id).where(Vote.ballot_id == Ballot.id, Vote.user_id == actor.user_id)
    return list(
        db.session.execute(
            select(Ballot)
            .options(joinedload(Ballot.standard))
            .join(Standard, Standard.id == Ballot.standard_id)
            .where(
                Standard.committee_id.in_(voting),
                Ballot.status == BallotStatus.OPEN,
                ~voted.exists(),
            )
            .order_by(Ballot.closes_at.is_(None), Ballot.closes_at, Ballot.opened_at)
        ).scalars()
    )


def my_work(actor: Actor, today: dt.date | None = None) -> MyWork:
    """Everything that waits on the actor."""
    today = today or utcnow().date()
    return MyWork(
        mentions=threads_mentioning(actor),
        dispositions=threads_awaiting_disposition(actor),
        consultations_to_close=consultations_to_close(actor),
        ballots=ballots_awaiting_vote(actor),
        reviews=editions_due(today, actor.committee_ids) if actor.committee_ids else [],
    )
