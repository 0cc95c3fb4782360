"""The rights of many people at once: a notification reaches only those who may read its subject."""

from collections.abc import Iterable

from sqlalchemy import select

from wiki.accounts.models import User
from wiki.committees.models import Committee, Membership
from wiki.extensions import db
from wiki.permissions import Actor, Seat
from wiki.roles import Role


def actors_for(user_ids: Iterable[int]) -> dict[int, Actor]:
    """An ``Actor`` per active user, built with two queries whatever the number of users.

    The same snapshot as ``wiki.committees.actors.actor_for_user``, for a batch; inactive and
    unknown users are left out, so they receive nothing.
    """
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    users = db.session.execute(select(User).where(User.id.in_(ids), User.active)).scalars()
    seats: dict[int, list[Seat]] = {}
    rows = db.session.execute(
        select(Membership)
        .join(Committee)
        .where(Membership.user_id.in_(ids), Committee.archived_at.is_(None))
    ).scalars()
    for m in rows:
        seats.setdefault(m.user_id, []).append(
            Seat(
                committee_id=m.committee_id,
                role=m.role,
                can_vote=m.can_vote,
                group=m.stakeholder_group,
            )
        )
    return {
        user.id: Actor(
            user_id=user.id,
            is_admin=user.is_admin,
            is_public=user.is_public,
            seats=tuple(seats.get(user.id, ())),
        )
        for user in users
    }


def committee_member_ids(committee_id: int, *, voting_only: bool = False) -> list[int]:
    """Active members of a committee (only those with a vote, if asked)."""
    query = (
        select(Membership.user_id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.committee_id == committee_id, User.active)
    )
    if voting_only:
        query = query.where(Membership.can_vote)
    return list(db.session.execute(query).scalars())


def admin_ids() -> list[int]:
    """Active agency administrators."""
    return list(db.session.execute(select(User.id).where(User.is_admin, User.active)).scalars())


def chair_ids(committee_id: int) -> list[int]:
    """Active chairs of a committee."""
    query = (
        select(Membership.user_id)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.committee_id == committee_id,
            Membership.role == Role.CHAIR,
            User.active,
        )
    )
    return list(db.session.execute(query).scalars())
