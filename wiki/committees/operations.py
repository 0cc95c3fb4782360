"""Changes to committees and their members.

Every function takes the actor, re-checks permission with a ``can_*`` predicate, locks the
committee row (so two chairs cannot remove each other at the same moment), writes the audit
entry and flushes; the caller commits.
"""

import re
import unicodedata

from sqlalchemy import func, select

from wiki import permissions
from wiki.accounts.models import User
from wiki.accounts.operations import normalise_email
from wiki.audit.operations import record_change
from wiki.committees.models import Committee, Membership
from wiki.committees.queries import membership_in
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.roles import Role, StakeholderGroup

#: why a change was refused, shared with the views that refuse before calling an operation
ADMIN_ONLY = N_("Only agency administrators can create, rename or archive committees.")
CHAIR_ONLY = N_("Only the chair of %(committee)s or an administrator can change its members.")

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_NAME = 200
MAX_SLUG = 64
MAX_DESCRIPTION = 5000


def slugify(text: str) -> str:
    """A URL-safe short name: accents dropped, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-")


def _require_admin(actor: Actor) -> None:
    if not permissions.can_administer(actor):
        raise NotAllowed(ADMIN_ONLY)


def lock_committee(committee_id: int) -> Committee:
    """Load the committee locked for update, so changes to it and its seats happen one at a time."""
    return lock_row(Committee, committee_id, N_("No such committee."))


def _clean_text(value: str | None, limit: int, message: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(message, limit=limit)
    return value


def _clean_name(name: str | None) -> str:
    name = _clean_text(name, MAX_NAME, N_("The name is longer than %(limit)d characters."))
    if not name:
        raise InvalidInput(N_("A committee needs a name."))
    return name


def _clean_details(sector: str | None, description: str | None) -> dict[str, str]:
    return {
        "sector": _clean_text(
            sector, MAX_NAME, N_("The sector is longer than %(limit)d characters.")
        ),
        "description": _clean_text(
            description,
            MAX_DESCRIPTION,
            N_("The description is longer than %(limit)d characters."),
        ),
    }


def create_committee(
    actor: Actor, *, name: str, slug: str = "", sector: str = "", description: str = ""
) -> Committee:
    """Create an empty committee; an administrator then seats its chair."""
    _require_admin(actor)
    name = _clean_name(name)
    slug = (slug or "").strip().lower() or slugify(name)
    if len(slug) < 2 or len(slug) > MAX_SLUG or not SLUG_PATTERN.fullmatch(slug):
        raise InvalidInput(
            N_("The web address must be 2 to 64 lower-case letters, digits and hyphens, "
               "such as turismo-hospitalidad."),
            field="slug",
        )
    if db.session.scalar(select(func.count()).where(Committee.slug == slug)):
        raise Conflict(
            N_("Another committee already uses the web address %(slug)s."), slug=slug, field="slug"
        )
    committee = Committee(
        name=name,
        slug=slug,
        **_clean_details(sector, description),
        consensus_rule={},
    )
    db.session.add(committee)
    db.session.flush()
    record_change(
        actor, "committee.created", committee,
        after={"name": name, "slug": slug, "sector": committee.sector},
    )
    return committee


def update_committee(
    actor: Actor, committee_id: int, *, name: str, sector: str, description: str
) -> Committee:
    """Rename a committee or change its sector and description (its web address stays)."""
    _require_admin(actor)
    committee = lock_committee(committee_id)
    new = {"name": _clean_name(name), **_clean_details(sector, description)}
    changed = {key: value for key, value in new.items() if getattr(committee, key) != value}
    if not changed:
        return committee
    before = {key: getattr(committee, key) for key in changed}
    for key, value in changed.items():
        setattr(committee, key, value)
    db.session.flush()
    record_change(
        actor, "committee.renamed" if "name" in changed else "committee.updated", committee,
        before=before, after=changed,
    )
    return committee


def archive_committee(actor: Actor, committee_id: int) -> Committee:
    """Archive a committee: its members lose their rights there; its standards stay readable."""
    _require_admin(actor)
    committee = lock_committee(committee_id)
    if committee.is_archived:
        raise Conflict(N_("%(committee)s is already archived."), committee=committee.name)
    committee.archived_at = utcnow()
    db.session.flush()
    record_change(
        actor, "committee.archived", committee,
        before={"archived_at": None}, after={"archived_at": committee.archived_at.isoformat()},
    )
    return committee


def restore_committee(actor: Actor, committee_id: int) -> Committee:
    """Bring an archived committee back; its members' seats apply again."""
    _require_admin(actor)
    committee = lock_committee(committee_id)
    if not committee.is_archived:
        raise Conflict(N_("%(committee)s is not archived."), committee=committee.name)
    before = committee.archived_at.isoformat()
    committee.archived_at = None
    db.session.flush()
    record_change(
        actor, "committee.restored", committee,
        before={"archived_at": before}, after={"archived_at": None},
    )
    return committee


def _lock_for_seat_change(actor: Actor, committee_id: int) -> Committee:
    """The committee locked, once the actor may manage its members and it is not archived."""
    committee = lock_committee(committee_id)
    if not permissions.can_manage_members(actor, committee.id):
        raise NotAllowed(CHAIR_ONLY, committee=committee.name)
    if committee.is_archived:
        raise Conflict(
            N_("%(committee)s is archived. An administrator must restore it before it can change."),
            committee=committee.name,
        )
    return committee


def _seat_terms(role, can_vote, group) -> tuple[Role, bool, StakeholderGroup]:
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(N_("Choose chair, member or observer."), field="role") from None
    try:
        group = StakeholderGroup(group)
    except ValueError:
        raise InvalidInput(
            N_("Choose the stakeholder group the person represents."), field="group"
        ) from None
    can_vote = bool(can_vote)
    if role is Role.OBSERVER and can_vote:
        raise InvalidInput(
            N_("Observers cannot vote. Make the person a member to give a vote."),
            field="can_vote",
        )
    return role, can_vote, group


def _seat_record(membership: Membership) -> dict:
    return {
        "user_id": membership.user_id,
        "role": str(membership.role),
        "can_vote": membership.can_vote,
        "group": str(membership.stakeholder_group),
    }


def _active_chairs(committee_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Membership)
        .join(User, Membership.user_id == User.id)
        .where(
            Membership.committee_id == committee_id,
            Membership.role == Role.CHAIR,
            User.active.is_(True),
        )
    )


def _check_chair_remains(actor: Actor, committee: Committee, membership: Membership) -> None:
    """Refuse to take away the committee's last chair whose account is active."""
    if membership.role is not Role.CHAIR or not membership.user.active:
        return
    if _active_chairs(committee.id) > 1:
        return
    if membership.user_id == actor.user_id:
        raise Conflict(
            N_("You are the last chair of %(committee)s. Make another member chair "
               "before you step down or leave."),
            committee=committee.name,
        )
    raise Conflict(
        N_("%(name)s is the last chair of %(committee)s. A committee needs at least one chair: "
           "make another member chair first."),
        name=membership.user.display_name,
        committee=committee.name,
    )


def add_member(
    actor: Actor,
    committee_id: int,
    *,
    email: str,
    role: Role | str,
    can_vote: bool,
    group: StakeholderGroup | str,
) -> Membership:
    """Seat an existing, active, non-public account on the committee."""
    committee = _lock_for_seat_change(actor, committee_id)
    role, can_vote, group = _seat_terms(role, can_vote, group)
    email = normalise_email(email)
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        raise InvalidInput(
            N_("No account uses %(email)s. An administrator can invite the person first."),
            email=email,
        )
    if not user.active:
        raise InvalidInput(
            N_("The account of %(name)s is deactivated, so it cannot sit on a committee."),
            name=user.display_name,
        )
    if user.is_public:
        raise InvalidInput(
            N_("%(name)s has a public account, which cannot sit on a committee. "
               "An administrator can invite the person as a committee member instead."),
            name=user.display_name,
        )
    already = db.session.scalar(
        select(func.count()).where(
            Membership.committee_id == committee.id, Membership.user_id == user.id
        )
    )
    if already:
        raise Conflict(
            N_("%(name)s is already a member of %(committee)s."),
            name=user.display_name,
            committee=committee.name,
        )
    membership = Membership(
        committee_id=committee.id,
        user_id=user.id,
        role=role,
        can_vote=can_vote,
        stakeholder_group=group,
    )
    db.session.add(membership)
    db.session.flush()
    record_change(
        actor, "membership.added", user,
        committee_id=committee.id, after=_seat_record(membership),
    )
    return membership


def change_member(
    actor: Actor,
    committee_id: int,
    membership_id: int,
    *,
    role: Role | str,
    can_vote: bool,
    group: StakeholderGroup | str,
) -> Membership:
    """Change a member's role, voting right or represented stakeholder group."""
    committee = _lock_for_seat_change(actor, committee_id)
    membership = membership_in(committee.id, membership_id)
    role, can_vote, group = _seat_terms(role, can_vote, group)
    before = _seat_record(membership)
    if role is not Role.CHAIR:
        _check_chair_remains(actor, committee, membership)
    membership.role = role
    membership.can_vote = can_vote
    membership.stakeholder_group = group
    db.session.flush()
    after = _seat_record(membership)
    if after != before:
        record_change(
            actor, "membership.changed", membership.user,
            committee_id=committee.id, before=before, after=after,
        )
    return membership


def remove_member(actor: Actor, committee_id: int, membership_id: int) -> None:
    """Take a person off the committee; their past revisions and votes keep their name."""
    committee = _lock_for_seat_change(actor, committee_id)
    membership = membership_in(committee.id, membership_id)
    _check_chair_remains(actor, committee, membership)
    before = _seat_record(membership)
    user = membership.user
    db.session.delete(membership)
    db.session.flush()
    record_change(actor, "membership.removed", user, committee_id=committee.id, before=before)
