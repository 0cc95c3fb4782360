"""Who takes part in a thread: the permission predicates with a thread's facts filled in, and the
members a comment may mention. Reads only; ``operations`` makes the changes."""

from collections.abc import Callable
from functools import partial

from sqlalchemy import select

from wiki import permissions
from wiki.accounts.models import User
from wiki.comments.mentions import Member
from wiki.comments.models import Thread
from wiki.committees.models import Membership
from wiki.consultations import queries as consultations
from wiki.extensions import db
from wiki.permissions import Actor
from wiki.publication.models import Edition


def committee_members(committee_id: int) -> list[Member]:
    """The committee's active members: the people a comment may mention."""
    rows = db.session.execute(
        select(User.id, User.display_name, User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.committee_id == committee_id, User.active)
        .order_by(User.display_name)
    )
    return [Member(user_id=i, display_name=name, email=email) for i, name, email in rows]


def is_on_published_edition(revision_id: int) -> bool:
    """Whether the revision is the text of a published edition."""
    return (
        db.session.scalar(select(Edition.id).where(Edition.revision_id == revision_id)) is not None
    )


def consultation_is_open(thread: Thread) -> bool:
    """Whether the thread belongs to a consultation whose comment window is open now."""
    if thread.consultation_id is None:
        return False
    consultation = consultations.get_consultation(thread.consultation_id)
    return consultation.is_open


def is_frozen(thread: Thread) -> bool:
    """Whether the thread belongs to a consultation whose window has closed: its comments stay
    as they were."""
    return thread.consultation_id is not None and not consultation_is_open(thread)


def thread_readers(thread: Thread) -> Callable[[Actor], bool]:
    """``can_read_thread`` with the facts about this thread looked up once, to ask of any actor."""
    committee = thread.standard.committee
    return partial(
        permissions.can_read_thread,
        committee_id=committee.id,
        in_consultation=thread.in_consultation,
        on_published_edition=is_on_published_edition(thread.revision_id),
        comments_public=committee.comments_public,
    )


def may_read_thread(actor: Actor, thread: Thread) -> bool:
    """``can_read_thread`` with the facts about this thread filled in."""
    return thread_readers(thread)(actor)


def may_write_in(actor: Actor, thread: Thread) -> bool:
    """``can_comment`` for a reply in this thread."""
    committee = thread.standard.committee
    return permissions.can_comment(
        actor,
        committee.id,
        committee_archived=committee.is_archived,
        consultation_open=consultation_is_open(thread),
    )
