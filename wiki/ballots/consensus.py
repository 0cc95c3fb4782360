"""Whether a ballot reached consensus: a frozen rule, the committee's voters and their positions.

Plain values in, plain values out: no Flask, no database. ``evaluate`` returns a ``Verdict`` whose
``unmet`` entries are data (a code and the numbers behind it); templates turn them into words.

Semantics, decided once here so that operations, views and tests agree:

- Only the committee's voting members (``voters``) count. Positions from anyone else are ignored.
  A voter with no recorded position counts like an abstention.
- ``positions`` maps a user to their *final* position; a changed vote simply replaces the old one.
- Recusal removes the voter from every count: votes cast, approvals, objections and their group's
  membership for share computations. One exception, deliberately safer than plain removal: if every
  voting member of a required group recused, the group's requirement does not vanish but is unmet
  (``group_all_recused``). A conflict of interest must not let a stakeholder group's consent lapse;
  the committee has to seat a member without the conflict, or change its rule.
- Votes cast are approve, approve with comments and object. Abstain and recuse are not cast.
- A group is *required* when it is one of ``VOTING_GROUPS`` and has at least one voting member on
  the committee. A group with no voting member is never required. ``AGENCY`` staff may vote (their
  approvals and objections count overall) but their group is never required.
- When ``authors_may_approve`` is false, an approval by an author of the balloted changes is counted
  like an abstention: not an approval and not a vote cast (counting it as cast would make it weigh
  against the threshold, which would punish authors for voting). Authors' objections still count.
- ``min_approvals`` is at least 1, and a committee with no voter left after recusals never passes
  (``no_voters``), so nothing passes without somebody approving.
- ``supermajority`` is "at least this share of votes cast approve"; it must be above one half.
  ``majority`` is "strictly more than half of votes cast approve", so a tie fails. With no votes
  cast neither holds. ``max_negative_share`` is "at most this share of votes cast object".
- When both ``group_min_approvals`` and ``group_min_share`` are set, a group must satisfy both.

``Unmet.needed`` is the threshold (a minimum, or for ``open_objections`` and ``negative_share`` the
allowed maximum) and ``Unmet.have`` the actual count. ``Verdict.met`` lists the codes of conditions
the rule checks that hold everywhere; a code appears in ``met`` or among ``unmet``, never both.
"""

import enum
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields
from fractions import Fraction
from types import MappingProxyType

from wiki.errors import InvalidInput
from wiki.roles import VOTING_GROUPS, StakeholderGroup


class Position(enum.StrEnum):
    """A voter's position on a ballot."""

    #: yes
    APPROVE = "approve"
    #: yes, with comments the drafters should consider; counts as an approval
    APPROVE_WITH_COMMENTS = "approve_with_comments"
    #: a blocking objection, which must state a reason
    OBJECT = "object"
    #: no opinion; not a vote cast
    ABSTAIN = "abstain"
    #: a conflict of interest; counted nowhere
    RECUSE = "recuse"


APPROVING = frozenset({Position.APPROVE, Position.APPROVE_WITH_COMMENTS})

#: every condition code ``evaluate`` can report, in the order it reports them
CODES = (
    "no_voters",
    "min_approvals",
    "group_all_recused",
    "missing_group_approval",
    "group_share",
    "open_objections",
    "majority",
    "supermajority",
    "negative_share",
)


@dataclass(frozen=True)
class GroupRequirement:
    """What each required stakeholder group must contribute."""

    #: approvals each required group must give (0: no count required)
    min_approvals: int = 1
    #: share of the group's non-recused voting members that must approve (None: no share required)
    min_share: Fraction | None = None

    @property
    def active(self) -> bool:
        """Whether the requirement asks anything of a group."""
        return self.min_approvals > 0 or self.min_share is not None

    def share_needed(self, members: int) -> int:
        """Approvals needed to reach ``min_share`` of ``members`` (0 when no share is required)."""
        if self.min_share is None:
            return 0
        return math.ceil(self.min_share * members)


@dataclass(frozen=True)
class ConsensusRule:
    """A committee's consensus rule; invalid values raise ``InvalidInput`` naming the field."""

    #: approvals needed overall
    min_approvals: int = 2
    #: approvals needed from every required stakeholder group (0 disables)
    group_min_approvals: int = 1
    #: share of each required group's non-recused voting members that must approve
    group_min_share: Fraction | None = None
    #: objections that may remain open (None: unlimited)
    max_open_objections: int | None = 0
    #: strictly more than half of votes cast must approve
    majority: bool = False
    #: at least this share of votes cast must approve, e.g. 2/3
    supermajority: Fraction | None = None
    #: at most this share of votes cast may object, e.g. 1/4
    max_negative_share: Fraction | None = None
    #: False: an author of the balloted changes approving is counted like an abstention
    authors_may_approve: bool = True

    def __post_init__(self):
        _check_count(self, "min_approvals", minimum=1)
        _check_count(self, "group_min_approvals", minimum=0)
        _check_count(self, "max_open_objections", minimum=0, optional=True)
        _check_share(self, "group_min_share", low=0, low_open=True, high=1, high_open=False)
        _check_share(
            self, "supermajority", low=Fraction(1, 2), low_open=True, high=1, high_open=False
        )
        _check_share(self, "max_negative_share", low=0, low_open=False, high=1, high_open=True)
        for name in ("majority", "authors_may_approve"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidInput(f"{name} must be true or false.", field=name)

    @property
    def group_requirement(self) -> GroupRequirement:
        """The requirement every required stakeholder group must meet."""
        return GroupRequirement(self.group_min_approvals, self.group_min_share)

    def to_dict(self) -> dict[str, object]:
        """A JSON-safe dict, fractions as ``"2/3"`` strings, read back by ``rule_from_settings``."""
        return {
            f.name: str(value) if isinstance(value, Fraction) else value
            for f in fields(self)
            for value in [getattr(self, f.name)]
        }


def _check_count(rule, name, *, minimum, optional=False):
    value = getattr(rule, name)
    if value is None and optional:
        return
    # bool is an int subclass; True as a count is always a mistake.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{name} must be a whole number.", field=name)
    if value < minimum:
        raise InvalidInput(f"{name} must be at least {minimum}.", field=name)


def _check_share(rule, name, *, low, low_open, high, high_open):
    value = getattr(rule, name)
    if value is None:
        return
    if not isinstance(value, Fraction):
        raise InvalidInput(f"{name} must be a fraction such as 2/3.", field=name)
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        raise InvalidInput(
            f"{name} must be in {left}{low}, {high}{right}, not {value}.", field=name
        )


PRESETS: Mapping[str, ConsensusRule] = MappingProxyType(
    {
        # The product default: two approvals, at least one from every stakeholder group on the
        # committee, and no blocking objection left open.
        "per_group": ConsensusRule(),
        # ISO/OASIS: at least two thirds of votes cast in favour and at most one quarter against;
        # objections are weighed, not blocking.
        "iso": ConsensusRule(
            group_min_approvals=0,
            max_open_objections=None,
            supermajority=Fraction(2, 3),
            max_negative_share=Fraction(1, 4),
        ),
        # Strictly more approvals than objections among votes cast (abstentions and recusals not
        # counted), so a tie fails; still at least two approvals.
        "simple_majority": ConsensusRule(
            group_min_approvals=0, max_open_objections=None, majority=True
        ),
    }
)

DEFAULT_RULE = PRESETS["per_group"]


def preset_of(rule: ConsensusRule) -> str | None:
    """The name of the preset ``rule`` is equal to, if any."""
    return next((name for name, preset in PRESETS.items() if preset == rule), None)


@dataclass(frozen=True)
class Voter:
    """A voting member of the committee, with the stakeholder group they represent."""

    user_id: int
    group: StakeholderGroup


@dataclass(frozen=True)
class Unmet:
    """A condition of the rule that does not hold, with the numbers behind it."""

    code: str
    group: StakeholderGroup | None = None
    needed: int | None = None
    have: int | None = None
    user_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class GroupTally:
    """One stakeholder group's counts; ``members`` excludes recused voters."""

    members: int = 0
    approvals: int = 0
    objections: int = 0
    abstentions: int = 0
    recusals: int = 0
    discounted: int = 0


@dataclass(frozen=True)
class Tally:
    """The counts behind a verdict, over the committee's voters only."""

    #: approvals counted (with comments included, discounted author approvals excluded)
    approvals: int
    #: of which approvals with comments
    with_comments: int
    objections: int
    #: explicit abstentions plus voters with no position yet
    abstentions: int
    recusals: int
    #: author approvals not counted because the rule forbids authors to approve (not abstentions)
    discounted: int
    #: votes counted in shares: approvals plus objections
    cast: int
    #: (group, counts) pairs in ``StakeholderGroup`` order, for groups with voting members
    by_group: tuple[tuple[StakeholderGroup, GroupTally], ...]

    def group(self, group: StakeholderGroup) -> GroupTally:
        """Counts for one group (all zero when it has no voting member)."""
        return dict(self.by_group).get(group, GroupTally())


@dataclass(frozen=True)
class Verdict:
    """The outcome: ``passed`` exactly when ``unmet`` is empty."""

    passed: bool
    unmet: tuple[Unmet, ...]
    met: tuple[str, ...]
    tally: Tally


def evaluate(
    rule: ConsensusRule,
    voters: Iterable[Voter],
    positions: Mapping[int, Position],
    authors: Collection[int] = (),
) -> Verdict:
    """Decide whether ``positions`` reach consensus under ``rule``; see the module docstring.

    Raises ``InvalidInput`` if a user appears twice among ``voters``.
    """
    voters = _unique(voters)
    counted = {}  # user id -> position as counted; None marks a discounted author approval
    for voter in voters:
        position = _position(positions.get(voter.user_id, Position.ABSTAIN))
        if position in APPROVING and not rule.authors_may_approve and voter.user_id in authors:
            position = None  # discounted, see module docstring
        counted[voter.user_id] = position
    tally = _tally(voters, counted)
    objectors = tuple(sorted(u for u, p in counted.items() if p is Position.OBJECT))

    checks: list[tuple[str, list[Unmet]]] = []
    present = len(voters) - tally.recusals
    checks.append(("no_voters", [] if present else [Unmet("no_voters", needed=1, have=0)]))
    checks.append(_minimum("min_approvals", rule.min_approvals, tally.approvals))
    requirement = rule.group_requirement
    if requirement.active:
        checks.extend(_group_checks(requirement, tally))
    if rule.max_open_objections is not None:
        unmet = []
        if len(objectors) > rule.max_open_objections:
            unmet.append(
                Unmet(
                    "open_objections",
                    needed=rule.max_open_objections,
                    have=len(objectors),
                    user_ids=objectors,
                )
            )
        checks.append(("open_objections", unmet))
    if rule.majority:
        checks.append(_minimum("majority", tally.cast // 2 + 1, tally.approvals))
    if rule.supermajority is not None:
        # With no vote cast, 0 of 0 must not count as two thirds in favour.
        needed = max(1, math.ceil(rule.supermajority * tally.cast))
        checks.append(_minimum("supermajority", needed, tally.approvals))
    if rule.max_negative_share is not None:
        allowed = math.floor(rule.max_negative_share * tally.cast)
        unmet = []
        if tally.objections > allowed:
            unmet.append(
                Unmet("negative_share", needed=allowed, have=tally.objections, user_ids=objectors)
            )
        checks.append(("negative_share", unmet))

    unmet = tuple(u for _, found in checks for u in found)
    met_codes = {code for code, found in checks if not found} - {u.code for u in unmet}
    met = tuple(code for code in CODES if code in met_codes)
    return Verdict(passed=not unmet, unmet=unmet, met=met, tally=tally)


def _unique(voters: Iterable[Voter]) -> list[Voter]:
    voters = list(voters)
    seen = set()
    for voter in voters:
        if voter.user_id in seen:
            raise InvalidInput(f"User {voter.user_id} appears twice among the voters.")
        seen.add(voter.user_id)
    return voters


def _position(value) -> Position:
    try:
        return Position(value)
    except ValueError:
        raise InvalidInput(f"Unknown position {value!r}.") from None


def _tally(voters: list[Voter], counted: Mapping[int, Position | None]) -> Tally:
    per_group: dict[StakeholderGroup, dict[str, int]] = {}
    totals = dict.fromkeys(
        ("approvals", "with_comments", "objections", "abstentions", "recusals", "discounted"), 0
    )
    for voter in voters:
        counts = per_group.setdefault(
            voter.group, dict.fromkeys((f.name for f in fields(GroupTally)), 0)
        )
        position = counted[voter.user_id]
        if position is Position.RECUSE:
            key = "recusals"
        elif position in APPROVING:
            key = "approvals"
        elif position is Position.OBJECT:
            key = "objections"
        elif position is None:
            key = "discounted"
        else:
            key = "abstentions"
        counts[key] += 1
        totals[key] += 1
        if position is not Position.RECUSE:
            counts["members"] += 1
        if position is Position.APPROVE_WITH_COMMENTS:
            totals["with_comments"] += 1
    by_group = tuple(
        (group, GroupTally(**per_group[group])) for group in StakeholderGroup if group in per_group
    )
    return Tally(**totals, cast=totals["approvals"] + totals["objections"], by_group=by_group)


def _minimum(code: str, needed: int, have: int) -> tuple[str, list[Unmet]]:
    return code, ([] if have >= needed else [Unmet(code, needed=needed, have=have)])


def _group_checks(requirement: GroupRequirement, tally: Tally) -> list[tuple[str, list[Unmet]]]:
    recused, missing, short = [], [], []
    for group, counts in tally.by_group:
        if group not in VOTING_GROUPS:
            continue
        if counts.members == 0:
            recused.append(Unmet("group_all_recused", group=group, needed=1, have=0))
            continue
        if counts.approvals < requirement.min_approvals:
            missing.append(
                Unmet(
                    "missing_group_approval",
                    group=group,
                    needed=requirement.min_approvals,
                    have=counts.approvals,
                )
            )
        share_needed = requirement.share_needed(counts.members)
        if counts.approvals < share_needed:
            short.append(
                Unmet("group_share", group=group, needed=share_needed, have=counts.approvals)
            )
    checks = [("group_all_recused", recused)]
    if requirement.min_approvals:
        checks.append(("missing_group_approval", missing))
    if requirement.min_share is not None:
        checks.append(("group_share", short))
    return checks
