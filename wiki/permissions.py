"""Who may do what: ``can_<verb>`` predicates over an ``Actor``, in plain Python.

An ``Actor`` is a frozen snapshot of the user's rights, built once per request
(``current_actor``) or by an operation from a user id. Views, templates, the API
and operations all call these predicates; nothing else decides permissions.
"""

from dataclasses import dataclass, field

from wiki.roles import Role, StakeholderGroup


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


def can_request_publication(actor: Actor, committee_id: int) -> bool:
    """Ask the agency to publish the committee's approved revision: the committee's chair."""
    return actor.is_chair(committee_id)


def can_publish(actor: Actor, committee_id: int, *, chairs_may_publish: bool = False) -> bool:
    """Publish an approved revision, or send its publication request back: the agency's
    administrators; the committee's chair too where the ``CHAIRS_MAY_PUBLISH`` setting says so."""
    return actor.is_admin or (chairs_may_publish and actor.is_chair(committee_id))


def can_review_publication_requests(actor: Actor, *, chairs_may_publish: bool = False) -> bool:
    """The queue of publication requests: whoever may publish some committee's standards."""
    if actor.is_admin:
        return True
    return chairs_may_publish and any(seat.role is Role.CHAIR for seat in actor.seats)


def can_withdraw(actor: Actor) -> bool:
    """Withdraw an edition from the registry: the agency's administrators only."""
    return actor.is_admin


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


def can_edit_official_act(actor: Actor) -> bool:
    """Correct an edition's official act (approving body, resolution, gazette): admins only."""
    return actor.is_admin


def can_view_reviews_due(actor: Actor, committee_id: int | None = None) -> bool:
    """Editions due for review: the committee's members and admins (None: any committee's)."""
    if actor.is_admin:
        return True
    return actor.is_member(committee_id) if committee_id is not None else bool(actor.seats)


def can_read_thread(
    actor: Actor,
    committee_id: int,
    *,
    in_consultation: bool = False,
    on_published_edition: bool = False,
    comments_public: bool = False,
) -> bool:
    """A comment thread: members and admins; anyone for public-consultation threads, and for
    threads on a published edition when the committee makes its comments public."""
    if can_read_drafts(actor, committee_id):
        return True
    return in_consultation or (on_published_edition and comments_public)


def can_comment(
    actor: Actor,
    committee_id: int,
    *,
    committee_archived: bool = False,
    consultation_open: bool = False,
) -> bool:
    """Start a thread or reply: members of an active committee; anyone logged in on the
    revision of a public consultation while its window is open."""
    if committee_archived:
        return False
    return can_comment_on_drafts(actor, committee_id) or can_comment_in_consultation(
        actor, consultation_open=consultation_open
    )


def can_edit_comment(actor: Actor, *, author_id: int) -> bool:
    """Change a comment's text: its author only (nobody edits another person's comment)."""
    return actor.is_authenticated and actor.user_id == author_id


def can_delete_comment(actor: Actor, *, author_id: int) -> bool:
    """Delete a comment's text, leaving the thread: its author only."""
    return actor.is_authenticated and actor.user_id == author_id


def can_hide_comment(actor: Actor) -> bool:
    """Hide someone's comment, with a reason kept in the audit log: admins only."""
    return actor.is_admin


def can_resolve_thread(actor: Actor, committee_id: int, *, thread_author_id: int) -> bool:
    """Mark a thread resolved or reopen it: the thread's author and the committee's chair."""
    if not actor.is_authenticated:
        return False
    return actor.user_id == thread_author_id or actor.is_chair(committee_id)


def can_record_disposition(actor: Actor, committee_id: int) -> bool:
    """Record how a thread was handled (accepted, rejected…): the committee's chair."""
    return actor.is_chair(committee_id)


def can_read_dispositions(actor: Actor, committee_id: int, *, consultation: bool) -> bool:
    """A disposition report: public for a consultation, otherwise the committee and admins."""
    return consultation or can_read_drafts(actor, committee_id)


def can_read_consultation(actor: Actor, committee_id: int, *, window_open: bool) -> bool:
    """The revision under public consultation: everyone while the window is open."""
    return window_open or can_read_drafts(actor, committee_id)


def can_watch(actor: Actor, committee_id: int, *, publicly_readable: bool) -> bool:
    """Watch a standard: anyone logged in who may read it (its drafts, an edition or a
    consultation)."""
    if not actor.is_authenticated:
        return False
    return publicly_readable or can_read_drafts(actor, committee_id)
