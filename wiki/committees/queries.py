"""Reading committees: the list, one committee, its members and a person's seats."""

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wiki.accounts.models import User
from wiki.committees.models import Committee, Membership
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.roles import Role, StakeholderGroup

ROLE_ORDER = {Role.CHAIR: 0, Role.MEMBER: 1, Role.OBSERVER: 2}


def get_committee(slug: str) -> Committee:
    committee = db.session.scalar(select(Committee).where(Committee.slug == slug))
    if committee is None:
        raise NotFound(N_("No such committee."))
    return committee


def committees_by_id(committee_ids) -> dict[int, Committee]:
    """The committees with these ids, in one query."""
    if not committee_ids:
        return {}
    rows = db.session.scalars(select(Committee).where(Committee.id.in_(committee_ids)))
    return {c.id: c for c in rows}


def listing(*, archived: bool = False) -> list[Committee]:
    """Committees by name: the active ones, or the archived ones."""
    condition = Committee.archived_at.is_not(None) if archived else Committee.archived_at.is_(None)
    return list(db.session.scalars(select(Committee).where(condition).order_by(Committee.name)))


def memberships(committee_id: int, *, include_inactive: bool = False) -> list[Membership]:
    """The committee's seats, chairs first; deactivated accounts only when asked for."""
    query = (
        select(Membership)
        .join(User, Membership.user_id == User.id)
        .options(joinedload(Membership.user))
        .where(Membership.committee_id == committee_id)
    )
    if not include_inactive:
        query = query.where(User.active.is_(True))
    rows = db.session.scalars(query).all()
    return sorted(rows, key=lambda m: (ROLE_ORDER[m.role], m.user.display_name.casefold()))


def members_by_group(committee_id: int) -> list[tuple[StakeholderGroup, list[Membership]]]:
    """Seats of active accounts grouped by the stakeholder group they represent, in enum order."""
    grouped = defaultdict(list)
    for membership in memberships(committee_id):
        grouped[membership.stakeholder_group].append(membership)
    return [(group, grouped[group]) for group in StakeholderGroup if grouped[group]]


def seats_of(user_id: int) -> list[Membership]:
    """A user's seats on committees, active committees first, by name."""
    rows = db.session.scalars(
        select(Membership)
        .join(Committee)
        .options(joinedload(Membership.committee))
        .where(Membership.user_id == user_id)
        .order_by(Committee.archived_at.is_not(None), Committee.name)
    )
    return list(rows)


def membership_in(committee_id: int, membership_id: int) -> Membership:
    """One seat of the committee; NotFound when the id names a seat elsewhere."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.committee_id != committee_id:
        raise NotFound(N_("This person is not a member of the committee."))
    return membership
