"""Changes to watchlists and notifications; ``notify`` is what the event listeners call.

The caller commits. Notification email is queued with the transaction and sent after it commits
(``wiki.notifications.delivery``).
"""

import logging
from collections.abc import Callable, Iterable

from sqlalchemy import select, update

from wiki import permissions
from wiki.accounts.models import User
from wiki.db import utcnow
from wiki.errors import NotAllowed, NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.mail import mail_enabled
from wiki.notifications.audience import actors_for
from wiki.notifications.delivery import queue_mail
from wiki.notifications.kinds import ONCE_PER_SUBJECT, NotificationKind
from wiki.notifications.models import Notification, NotificationPreference, Watch
from wiki.notifications.queries import publicly_readable
from wiki.permissions import Actor
from wiki.standards.models import Standard

log = logging.getLogger(__name__)


def _insert_ignoring_duplicates(model, **values) -> None:
    """INSERT … ON CONFLICT DO NOTHING: a duplicate never fails the caller's transaction."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(model).values(**values).on_conflict_do_nothing())


def start_watching(user_id: int, standard_id: int) -> None:
    """Add a standard to someone's watchlist if it is not there (after they edit or comment)."""
    _insert_ignoring_duplicates(
        Watch, user_id=user_id, standard_id=standard_id, created_at=utcnow()
    )


def watch(actor: Actor, standard_id: int) -> None:
    """Watch a standard the actor may read."""
    standard = db.session.get(Standard, standard_id)
    if standard is None:
        raise NotFound(N_("No such standard."))
    if not actor.is_authenticated:
        raise NotAllowed(N_("Log in to watch standards."))
    if not permissions.can_watch(
        actor, standard.committee_id, publicly_readable=publicly_readable(standard)
    ):
        raise NotFound(N_("No such standard."))
    start_watching(actor.user_id, standard.id)
    db.session.flush()


def unwatch(actor: Actor, standard_id: int) -> None:
    """Take a standard off the actor's watchlist (nothing happens if it was not on it)."""
    if not actor.is_authenticated:
        raise NotAllowed(N_("Log in to change your watchlist."))
    watch_row = db.session.get(Watch, (actor.user_id, standard_id))
    if watch_row is not None:
        db.session.delete(watch_row)
        db.session.flush()


def _already_told(kind: NotificationKind, user_ids: list[int], subject: dict) -> set[int]:
    column = Notification.ballot_id if "ballot_id" in subject else Notification.edition_id
    value = subject.get("ballot_id", subject.get("edition_id"))
    if value is None:
        return set()
    return set(
        db.session.execute(
            select(Notification.user_id).where(
                Notification.kind == kind,
                column == value,
                Notification.user_id.in_(user_ids),
            )
        ).scalars()
    )


def notify(
    kind: NotificationKind,
    recipients: Iterable[int],
    *,
    audience: Callable[[Actor], bool],
    actor_id: int | None = None,
    **subject,
) -> list[Notification]:
    """Notify each recipient who may read the subject (``audience``), except the actor.

    ``subject`` holds the ids the notification points at (``standard_id``, ``thread_id``,
    ``comment_id``, ``revision_id``, ``ballot_id``, ``edition_id``, ``consultation_id``,
    ``publication_request_id``).
    Inactive accounts get nothing; kinds in ``ONCE_PER_SUBJECT`` reach a person once.
    """
    wanted = set(recipients) - {actor_id, None}
    actors = actors_for(wanted)
    chosen = sorted(user_id for user_id, a in actors.items() if audience(a))
    if kind in ONCE_PER_SUBJECT and chosen:
        told = _already_told(kind, chosen, subject)
        chosen = [user_id for user_id in chosen if user_id not in told]
    rows = [
        Notification(user_id=user_id, kind=kind, actor_id=actor_id, **subject) for user_id in chosen
    ]
    if not rows:
        return []
    db.session.add_all(rows)
    db.session.flush()
    if mail_enabled():
        _queue_email(rows)
    return rows


def _queue_email(rows: list[Notification]) -> None:
    from wiki.notifications.messages import compose_email

    opted_out = set(
        db.session.execute(
            select(NotificationPreference.user_id).where(
                NotificationPreference.user_id.in_([n.user_id for n in rows]),
                NotificationPreference.email.is_(False),
            )
        ).scalars()
    )
    for notification in rows:
        if notification.user_id in opted_out:
            continue
        try:
            mail = compose_email(notification)
        except Exception:  # a wording bug must not fail the change that caused it
            log.exception("Could not compose notification email %s", notification.id)
            continue
        queue_mail(db.session(), mail)


def _own(actor: Actor, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != actor.user_id:
        raise NotFound(N_("No such notification."))
    return notification


def mark_read(actor: Actor, notification_id: int) -> Notification:
    """Mark one of the actor's notifications as read."""
    notification = _own(actor, notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return notification


def mark_all_read(actor: Actor) -> int:
    """Mark every unread notification of the actor as read; returns how many."""
    if not actor.is_authenticated:
        raise NotAllowed(N_("Log in to see your notifications."))
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == actor.user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount


def set_email_preference(actor: Actor, enabled: bool) -> None:
    """Turn the actor's notification email on or off."""
    if not actor.is_authenticated or db.session.get(User, actor.user_id) is None:
        raise NotAllowed(N_("Log in to change your notification settings."))
    preference = db.session.get(NotificationPreference, actor.user_id)
    if preference is None:
        preference = NotificationPreference(user_id=actor.user_id)
        db.session.add(preference)
    preference.email = bool(enabled)
    db.session.flush()
