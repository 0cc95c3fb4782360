"""Who may do what: ``can_<verb>`` predicates over an ``Actor``, in plain Python.

An ``Actor`` is a frozen snapshot of the user's rights, built once per request
(``current_actor``) or by an operation from a user id. Views, templates, the API
and operations all call these predicates; nothing else decides permissions.
"""

from dataclasses import dataclass, field

from wiki.committees.roles import Role, StakeholderGroup


@dataclass(frozen=True)
class Seat:
    """The actor's membership of one committee."""

    committee_id: int
    role: Role
    can_vote: bool
    group: StakeholderGroup


@dataclass(frozen=True)
class Actor:
    """The rights of whoever makes a request; ``ANONYMOUS`` when nobody is logged in."""

    user_id: int | None = None
    is_admin: bool = False
    is_public: bool = False
    seats: tuple[Seat, ...] = field(default=())

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def seat(self, committee_id: int) -> Seat | None:
        for seat in self.seats:
            if seat.committee_id == committee_id:
                return seat
        return None

    def is_member(self, committee_id: int) -> bool:
        return self.seat(committee_id) is not None

    def is_chair(self, committee_id: int) -> bool:
        seat = self.seat(committee_id)
        return seat is not None and seat.role is Role.CHAIR

    @property
    def committee_ids(self) -> frozenset[int]:
        return frozenset(seat.committee_id for seat in self.seats)


ANONYMOUS = Actor()


def can_administer(actor: Actor) -> bool:
    """Agency administration: committees, accounts, the whole audit log."""
    return actor.is_admin


def can_read_drafts(actor: Actor, committee_id: int) -> bool:
    """Drafts, draft history and draft diffs: the committee's members and admins."""
    return actor.is_admin or actor.is_member(committee_id)


def can_edit_drafts(actor: Actor, committee_id: int, *, committee_archived: bool = False) -> bool:
    """Create and edit drafts: non-observer members of an active committee."""
    if committee_archived:
        return False
    seat = actor.seat(committee_id)
    return seat is not None and seat.role in (Role.CHAIR, Role.MEMBER)


def can_manage_members(actor: Actor, committee_id: int) -> bool:
    """Add, remove and change members: the committee's chair and admins."""
    return actor.is_admin or actor.is_chair(committee_id)


def can_view_committee_audit(actor: Actor, committee_id: int) -> bool:
    """The committee's part of the audit log: its chair and admins."""
    return actor.is_admin or actor.is_chair(committee_id)


def can_set_consensus_rule(actor: Actor, committee_id: int) -> bool:
    """Change the committee's consensus rule: its chair and admins."""
    return actor.is_admin or actor.is_chair(committee_id)


def can_run_ballots(actor: Actor, committee_id: int) -> bool:
    """Open, cancel and close ballots and consultations: the chair only."""
    return actor.is_chair(committee_id)


def can_vote(actor: Actor, committee_id: int) -> bool:
    """Cast a position: members with a voting right."""
    seat = actor.seat(committee_id)
    return seat is not None and seat.can_vote


def can_publish(actor: Actor, committee_id: int) -> bool:
    """Publish or withdraw an edition: the chair and admins."""
    return actor.is_admin or actor.is_chair(committee_id)


def can_comment_on_drafts(actor: Actor, committee_id: int) -> bool:
    """Comment on drafts: every member, observers included."""
    return actor.is_member(committee_id)


def can_comment_in_consultation(actor: Actor, *, consultation_open: bool) -> bool:
    """Comment in a public consultation while it is open: anyone logged in, public accounts too."""
    return actor.is_authenticated and consultation_open


def can_view_profile(actor: Actor, user_id: int, *, user_is_public: bool) -> bool:
    """A user's profile: logged-in people; a public account's only to its owner and admins."""
    if not actor.is_authenticated:
        return False
    return not user_is_public or actor.is_admin or actor.user_id == user_id


def can_edit_profile(actor: Actor, user_id: int) -> bool:
    """Change a display name and preferred language: the account's owner only."""
    return actor.is_authenticated and actor.user_id == user_id
