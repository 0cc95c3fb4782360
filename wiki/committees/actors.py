"""Building the ``Actor`` snapshot that the permission predicates read.

With committees, not accounts: an actor's seats are its memberships, and accounts sit below
committees.
"""

from flask import g
from flask_login import current_user
from sqlalchemy import select

from wiki.committees.models import Committee, Membership
from wiki.extensions import db
from wiki.permissions import ANONYMOUS, Actor, Seat


def current_actor() -> Actor:
    """The actor for this request, built once and kept on ``flask.g``."""
    if "actor" not in g:
        g.actor = actor_for_user(current_user) if current_user.is_authenticated else ANONYMOUS
    return g.actor


def actor_for_user(user) -> Actor:
    """Snapshot a user's rights (one query for the memberships of active committees)."""
    if user is None or not user.active:
        return ANONYMOUS
    rows = db.session.execute(
        select(Membership)
        .join(Committee)
        .where(Membership.user_id == user.id, Committee.archived_at.is_(None))
    ).scalars()
    seats = tuple(
        Seat(
            committee_id=m.committee_id, role=m.role, can_vote=m.can_vote, group=m.stakeholder_group
        )
        for m in rows
    )
    return Actor(user_id=user.id, is_admin=user.is_admin, is_public=user.is_public, seats=seats)
