"""The consensus rule engine: examples for each condition and preset, then properties."""

import os
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiki.ballots.consensus import (
    CODES,
    DEFAULT_RULE,
    PRESETS,
    ConsensusRule,
    GroupRequirement,
    Position,
    Unmet,
    Voter,
    evaluate,
)
from wiki.ballots.rule_settings import rule_from_settings
from wiki.errors import InvalidInput
from wiki.roles import VOTING_GROUPS, StakeholderGroup

G = StakeholderGroup
P = Position

#: one voter per group, user ids 1..4, plus agency staff as 5
FULL_COMMITTEE = (
    Voter(1, G.INDUSTRY),
    Voter(2, G.UNION),
    Voter(3, G.EDUCATION),
    Voter(4, G.GOVERNMENT),
    Voter(5, G.AGENCY),
)


def everyone(position, voters=FULL_COMMITTEE):
    return {v.user_id: position for v in voters}


def codes(verdict):
    return [u.code for u in verdict.unmet]


# Per-group preset (the product default)


def test_every_group_approving_publishes():
    verdict = evaluate(DEFAULT_RULE, FULL_COMMITTEE, everyone(P.APPROVE))
    assert verdict.passed
    assert verdict.unmet == ()
    assert "missing_group_approval" in verdict.met
    assert verdict.tally.approvals == 5
    assert verdict.tally.cast == 5


def test_missing_union_approval_blocks_publication():
    positions = everyone(P.APPROVE) | {2: P.ABSTAIN}
    verdict = evaluate(DEFAULT_RULE, FULL_COMMITTEE, positions)
    assert not verdict.passed
    assert verdict.unmet == (Unmet("missing_group_approval", group=G.UNION, needed=1, have=0),)
    assert "missing_group_approval" not in verdict.met
    assert "open_objections" in verdict.met


def test_union_member_who_never_voted_blocks_publication_like_an_abstention():
    positions = everyone(P.APPROVE)
    del positions[2]
    assert evaluate(DEFAULT_RULE, FULL_COMMITTEE, positions).unmet == (
        Unmet("missing_group_approval", group=G.UNION, needed=1, have=0),
    )


def test_approval_with_comments_counts_as_approval():
    verdict = evaluate(DEFAULT_RULE, FULL_COMMITTEE, everyone(P.APPROVE_WITH_COMMENTS))
    assert verdict.passed
    assert verdict.tally.with_comments == 5


def test_one_open_objection_blocks_publication_and_names_the_objector():
    voters = (*FULL_COMMITTEE, Voter(6, G.INDUSTRY))
    positions = everyone(P.APPROVE) | {6: P.OBJECT}
    verdict = evaluate(DEFAULT_RULE, voters, positions)
    assert verdict.unmet == (Unmet("open_objections", needed=0, have=1, user_ids=(6,)),)


def test_group_without_voting_members_is_not_required():
    voters = [Voter(1, G.INDUSTRY), Voter(2, G.UNION)]
    verdict = evaluate(DEFAULT_RULE, voters, everyone(P.APPROVE, voters))
    assert verdict.passed


def test_agency_group_is_never_required():
    voters = [*FULL_COMMITTEE[:4], Voter(5, G.AGENCY)]
    positions = everyone(P.APPROVE) | {5: P.ABSTAIN}
    assert evaluate(DEFAULT_RULE, voters, positions).passed


def test_agency_objection_still_blocks():
    positions = everyone(P.APPROVE) | {5: P.OBJECT}
    assert codes(evaluate(DEFAULT_RULE, FULL_COMMITTEE, positions)) == ["open_objections"]


def test_single_approval_is_not_enough_overall():
    voters = [Voter(1, G.INDUSTRY)]
    verdict = evaluate(DEFAULT_RULE, voters, {1: P.APPROVE})
    assert verdict.unmet == (Unmet("min_approvals", needed=2, have=1),)


def test_empty_committee_never_passes():
    rule = ConsensusRule(min_approvals=1, group_min_approvals=0, max_open_objections=None)
    verdict = evaluate(rule, [], {})
    assert not verdict.passed
    assert "no_voters" in codes(verdict)


def test_committee_where_everyone_recused_never_passes():
    verdict = evaluate(DEFAULT_RULE, FULL_COMMITTEE, everyone(P.RECUSE))
    assert "no_voters" in codes(verdict)
    assert verdict.tally.recusals == 5


def test_positions_from_non_voters_are_ignored():
    positions = everyone(P.APPROVE) | {99: P.OBJECT}
    verdict = evaluate(DEFAULT_RULE, FULL_COMMITTEE, positions)
    assert verdict.passed
    assert verdict.tally.objections == 0


def test_only_the_final_position_counts():
    votes = [(2, P.OBJECT), (1, P.APPROVE), (2, P.APPROVE)]
    positions = everyone(P.APPROVE) | dict(votes)
    assert evaluate(DEFAULT_RULE, FULL_COMMITTEE, positions).passed


def test_recused_member_leaves_the_group_to_the_others():
    voters = [*FULL_COMMITTEE, Voter(6, G.UNION)]
    positions = everyone(P.APPROVE) | {2: P.RECUSE, 6: P.APPROVE}
    verdict = evaluate(DEFAULT_RULE, voters, positions)
    assert verdict.passed
    assert verdict.tally.group(G.UNION).members == 1
    assert verdict.tally.group(G.UNION).recusals == 1


def test_group_whose_members_all_recused_blocks_publication():
    positions = everyone(P.APPROVE) | {2: P.RECUSE}
    verdict = evaluate(DEFAULT_RULE, FULL_COMMITTEE, positions)
    assert verdict.unmet == (Unmet("group_all_recused", group=G.UNION, needed=1, have=0),)


def test_all_recused_group_is_fine_when_groups_are_not_required():
    positions = everyone(P.APPROVE) | {2: P.RECUSE}
    assert evaluate(PRESETS["iso"], FULL_COMMITTEE, positions).passed


def test_group_min_approvals_of_two_needs_two_from_each_group():
    voters = [Voter(1, G.INDUSTRY), Voter(2, G.INDUSTRY), Voter(3, G.UNION), Voter(4, G.UNION)]
    rule = ConsensusRule(group_min_approvals=2)
    positions = {1: P.APPROVE, 2: P.APPROVE, 3: P.APPROVE, 4: P.ABSTAIN}
    assert evaluate(rule, voters, positions).unmet == (
        Unmet("missing_group_approval", group=G.UNION, needed=2, have=1),
    )


def test_group_share_rounds_up_and_ignores_recused_members():
    voters = [Voter(i, G.INDUSTRY) for i in range(1, 6)]
    rule = ConsensusRule(group_min_approvals=0, group_min_share=Fraction(1, 2))
    positions = {1: P.APPROVE, 2: P.APPROVE, 3: P.ABSTAIN}
    assert evaluate(rule, voters, positions).unmet == (
        Unmet("group_share", group=G.INDUSTRY, needed=3, have=2),
    )
    # With two recused, 2 of the 3 remaining members is enough.
    positions |= {4: P.RECUSE, 5: P.RECUSE}
    assert evaluate(rule, voters, positions).passed


def test_group_count_and_share_both_apply_when_both_set():
    voters = [Voter(i, G.INDUSTRY) for i in range(1, 5)]
    rule = ConsensusRule(group_min_approvals=1, group_min_share=Fraction(3, 4))
    verdict = evaluate(rule, voters, {1: P.APPROVE, 2: P.APPROVE})
    assert codes(verdict) == ["group_share"]
    assert "missing_group_approval" in verdict.met


def test_disabled_group_requirement_reports_no_group_conditions():
    rule = ConsensusRule(group_min_approvals=0)
    verdict = evaluate(rule, FULL_COMMITTEE, {1: P.APPROVE, 5: P.APPROVE})
    assert verdict.passed
    assert not {"missing_group_approval", "group_share", "group_all_recused"} & set(verdict.met)


def test_allowing_one_open_objection():
    rule = ConsensusRule(max_open_objections=1)
    positions = everyone(P.APPROVE) | {5: P.OBJECT}
    assert evaluate(rule, FULL_COMMITTEE, positions).passed
    positions[4] = P.OBJECT
    positions[6] = P.APPROVE
    voters = [*FULL_COMMITTEE, Voter(6, G.GOVERNMENT)]
    assert evaluate(rule, voters, positions).unmet == (
        Unmet("open_objections", needed=1, have=2, user_ids=(4, 5)),
    )


# Authors


def test_author_approval_not_counted_when_authors_may_not_approve():
    rule = ConsensusRule(authors_may_approve=False)
    verdict = evaluate(rule, FULL_COMMITTEE, everyone(P.APPROVE), authors={2})
    assert verdict.unmet == (Unmet("missing_group_approval", group=G.UNION, needed=1, have=0),)
    assert verdict.tally.discounted == 1
    assert verdict.tally.cast == 4


def test_author_approval_counts_when_authors_may_approve():
    verdict = evaluate(DEFAULT_RULE, FULL_COMMITTEE, everyone(P.APPROVE), authors={2})
    assert verdict.passed


def test_author_objection_always_counts():
    rule = ConsensusRule(authors_may_approve=False)
    positions = everyone(P.APPROVE) | {1: P.OBJECT}
    verdict = evaluate(rule, FULL_COMMITTEE, positions, authors={1})
    assert "open_objections" in codes(verdict)


# ISO preset


def iso_committee(approve, object_, abstain=0):
    positions = [P.APPROVE] * approve + [P.OBJECT] * object_ + [P.ABSTAIN] * abstain
    voters = [Voter(i, G.INDUSTRY) for i in range(len(positions))]
    return voters, dict(enumerate(positions))


def test_iso_two_thirds_in_favour_passes():
    assert evaluate(PRESETS["iso"], *iso_committee(6, 2)).passed


def test_iso_exactly_two_thirds_passes_with_at_most_a_quarter_against():
    # 2/3 in favour means 1/3 against, more than a quarter: the negative limit bites.
    verdict = evaluate(PRESETS["iso"], *iso_committee(2, 1))
    assert codes(verdict) == ["negative_share"]
    assert "supermajority" in verdict.met


def test_iso_below_two_thirds_fails():
    verdict = evaluate(PRESETS["iso"], *iso_committee(5, 3))
    assert Unmet("supermajority", needed=6, have=5) in verdict.unmet


def test_iso_abstentions_are_not_counted():
    assert evaluate(PRESETS["iso"], *iso_committee(3, 1, abstain=20)).passed


def test_iso_objections_are_not_blocking_on_their_own():
    verdict = evaluate(PRESETS["iso"], *iso_committee(9, 1))
    assert verdict.passed
    assert verdict.tally.objections == 1


def test_iso_with_no_vote_cast_fails():
    verdict = evaluate(PRESETS["iso"], *iso_committee(0, 0, abstain=3))
    assert "supermajority" in codes(verdict)


# Simple majority preset


def test_simple_majority_passes_with_more_approvals_than_objections():
    assert evaluate(PRESETS["simple_majority"], *iso_committee(3, 2, abstain=9)).passed


def test_simple_majority_tie_fails():
    verdict = evaluate(PRESETS["simple_majority"], *iso_committee(2, 2))
    assert verdict.unmet == (Unmet("majority", needed=3, have=2),)


# Rules, storage and settings


def test_rule_round_trips_through_json_safe_dict():
    rule = ConsensusRule(supermajority=Fraction(2, 3), group_min_share=Fraction(1, 2))
    data = rule.to_dict()
    assert data["supermajority"] == "2/3"
    assert rule_from_settings(data) == rule


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_round_trip(name):
    assert rule_from_settings(PRESETS[name].to_dict()) == PRESETS[name]


def test_group_requirement_mirrors_the_rule():
    rule = ConsensusRule(group_min_approvals=2, group_min_share=Fraction(1, 3))
    assert rule.group_requirement == GroupRequirement(2, Fraction(1, 3))
    assert rule.group_requirement.share_needed(4) == 2


def test_settings_start_from_a_preset_and_parse_form_strings():
    rule = rule_from_settings(
        {"preset": "iso", "supermajority": "75%", "max_negative_share": "0.2", "min_approvals": "3"}
    )
    assert rule == ConsensusRule(
        min_approvals=3,
        group_min_approvals=0,
        max_open_objections=None,
        supermajority=Fraction(3, 4),
        max_negative_share=Fraction(1, 5),
    )


def test_blank_optional_setting_means_no_limit():
    assert rule_from_settings({"max_open_objections": ""}).max_open_objections is None


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"min_approvals": "-1"}, "min_approvals"),
        ({"min_approvals": 0}, "min_approvals"),
        ({"min_approvals": ""}, "min_approvals"),
        ({"min_approvals": "two"}, "min_approvals"),
        ({"min_approvals": True}, "min_approvals"),
        ({"min_approvals": "+-3"}, "min_approvals"),
        ({"min_approvals": "٣"}, "min_approvals"),
        ({"group_min_approvals": -1}, "group_min_approvals"),
        ({"max_open_objections": "-2"}, "max_open_objections"),
        ({"group_min_share": "0"}, "group_min_share"),
        ({"group_min_share": "3/2"}, "group_min_share"),
        ({"supermajority": "1/2"}, "supermajority"),
        ({"supermajority": "40%"}, "supermajority"),
        ({"supermajority": "101%"}, "supermajority"),
        ({"supermajority": "1/0"}, "supermajority"),
        ({"supermajority": "nan"}, "supermajority"),
        ({"max_negative_share": "-1/4"}, "max_negative_share"),
        ({"max_negative_share": "1"}, "max_negative_share"),
        ({"majority": "maybe"}, "majority"),
        ({"quorum": 3}, "quorum"),
        ({"preset": "unanimity"}, "preset"),
        ({"preset": ["iso"]}, "preset"),
    ],
)
def test_impossible_settings_are_refused_naming_the_field(settings, field):
    with pytest.raises(InvalidInput) as caught:
        rule_from_settings(settings)
    assert caught.value.details["field"] == field
    assert caught.value.message


def test_rule_refuses_a_float_share_given_directly():
    with pytest.raises(InvalidInput):
        ConsensusRule(supermajority=0.75)


def test_duplicate_voter_is_refused():
    with pytest.raises(InvalidInput):
        evaluate(DEFAULT_RULE, [Voter(1, G.UNION), Voter(1, G.INDUSTRY)], {})


# Properties

# Every fraction p/q with q <= 12 in [0, 1]: sampled, which is far cheaper than filtering.
FRACTIONS = sorted({Fraction(p, q) for q in range(1, 13) for p in range(q + 1)})


rules = st.builds(
    ConsensusRule,
    min_approvals=st.integers(1, 4),
    group_min_approvals=st.integers(0, 2),
    group_min_share=st.none() | st.sampled_from([f for f in FRACTIONS if f > 0]),
    max_open_objections=st.none() | st.integers(0, 2),
    majority=st.booleans(),
    supermajority=st.none() | st.sampled_from([f for f in FRACTIONS if f > Fraction(1, 2)]),
    max_negative_share=st.none() | st.sampled_from([f for f in FRACTIONS if f < 1]),
    authors_may_approve=st.booleans(),
)


any_rule = st.sampled_from(list(PRESETS.values())) | rules
maybe_position = st.none() | st.sampled_from(Position)


@st.composite
def ballots(draw, min_voters=0):
    """(voters, positions, authors) for a committee of up to 8 voting members."""
    seats = draw(
        st.lists(
            st.tuples(st.sampled_from(StakeholderGroup), maybe_position),
            min_size=min_voters,
            max_size=8,
        )
    )
    voters = [Voter(user_id, group) for user_id, (group, _) in enumerate(seats, start=1)]
    positions = {i: p for i, (_, p) in enumerate(seats, start=1) if p is not None}
    authors = draw(st.sets(st.integers(1, len(voters) + 1), max_size=3))
    return voters, positions, authors


def without_tally(verdict):
    return verdict.passed, verdict.unmet, verdict.met


# About 50 examples a property keeps the file under 5 s on a small machine; raise it locally with
# e.g. HYPOTHESIS_MAX_EXAMPLES=2000 to explore more.
EXAMPLES = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "50")), deadline=None
)


@EXAMPLES
@given(any_rule, ballots())
def test_verdict_is_consistent_with_its_tally(rule, ballot):
    voters, _, _ = ballot
    verdict = evaluate(rule, *ballot)
    unmet_codes = {u.code for u in verdict.unmet}
    assert verdict.passed == (verdict.unmet == ())
    assert unmet_codes.isdisjoint(verdict.met)
    assert unmet_codes | set(verdict.met) <= set(CODES)
    t = verdict.tally
    assert t.approvals + t.objections + t.abstentions + t.recusals + t.discounted == len(voters)
    assert t.cast == t.approvals + t.objections
    assert sum(g.members + g.recusals for _, g in t.by_group) == len(voters)


@EXAMPLES
@given(any_rule, ballots(), st.randoms(use_true_random=False))
def test_voter_order_does_not_matter(rule, ballot, rnd):
    voters, positions, authors = ballot
    shuffled = list(voters)
    rnd.shuffle(shuffled)
    items = list(positions.items())
    rnd.shuffle(items)
    assert evaluate(rule, shuffled, dict(items), authors) == evaluate(rule, *ballot)


@EXAMPLES
@given(any_rule, st.dictionaries(st.integers(), st.sampled_from(Position)))
def test_empty_committee_never_passes_whatever_the_rule(rule, positions):
    verdict = evaluate(rule, [], positions)
    assert not verdict.passed
    assert "no_voters" in {u.code for u in verdict.unmet}


@EXAMPLES
@given(rules, ballots(min_voters=1), st.data())
def test_an_objection_always_fails_when_no_objection_may_stay_open(rule, ballot, data):
    voters, positions, authors = ballot
    objector = data.draw(st.sampled_from(voters))
    rule = replace(rule, max_open_objections=0)
    verdict = evaluate(rule, voters, positions | {objector.user_id: P.OBJECT}, authors)
    assert not verdict.passed
    assert (
        objector.user_id in next(u for u in verdict.unmet if u.code == "open_objections").user_ids
    )


@EXAMPLES
@given(any_rule, ballots(min_voters=1), st.data())
def test_recusal_equals_removing_the_voter_unless_it_empties_a_group(rule, ballot, data):
    voters, positions, authors = ballot
    leaving = data.draw(st.sampled_from(voters))
    others = [v for v in voters if v != leaving]
    recused = evaluate(rule, voters, positions | {leaving.user_id: P.RECUSE}, authors)
    removed = evaluate(rule, others, positions, authors)
    group_left_empty = not any(
        v.group == leaving.group and positions.get(v.user_id) != P.RECUSE for v in others
    )
    if group_left_empty and leaving.group in VOTING_GROUPS and rule.group_requirement.active:
        assert Unmet("group_all_recused", group=leaving.group, needed=1, have=0) in recused.unmet
        assert not recused.passed
    else:
        assert without_tally(recused) == without_tally(removed)


@EXAMPLES
@given(any_rule, ballots(min_voters=1), st.data())
def test_abstaining_is_the_same_as_not_voting(rule, ballot, data):
    voters, positions, authors = ballot
    voter = data.draw(st.sampled_from(voters))
    silent = {k: v for k, v in positions.items() if k != voter.user_id}
    abstained = silent | {voter.user_id: P.ABSTAIN}
    assert evaluate(rule, voters, silent, authors) == evaluate(rule, voters, abstained, authors)


# Favour order: an objection < silence or abstention < an approval. Moving one voter up this
# order can only help, under every rule: the approval raises approvals and shares in favour
# at least as much as it raises votes cast.
RANK = {P.OBJECT: 0, P.ABSTAIN: 1, None: 1, P.APPROVE: 2, P.APPROVE_WITH_COMMENTS: 2}


@EXAMPLES
@given(any_rule, ballots(min_voters=1), st.data())
def test_moving_a_vote_towards_approval_never_turns_a_pass_into_a_failure(rule, ballot, data):
    voters, positions, authors = ballot
    voter = data.draw(st.sampled_from(voters))
    before = positions.get(voter.user_id)
    if before == P.RECUSE:
        before = None
        positions = {k: v for k, v in positions.items() if k != voter.user_id}
    after = data.draw(st.sampled_from([p for p in Position if p != P.RECUSE]))
    low, high = sorted([before, after], key=RANK.__getitem__)
    worse = evaluate(rule, voters, _with(positions, voter.user_id, low), authors)
    better = evaluate(rule, voters, _with(positions, voter.user_id, high), authors)
    assert not worse.passed or better.passed


def _with(positions, user_id, position):
    rest = {k: v for k, v in positions.items() if k != user_id}
    return rest if position is None else rest | {user_id: position}


@EXAMPLES
@given(any_rule, ballots(), st.dictionaries(st.integers(100, 200), st.sampled_from(Position)))
def test_positions_of_non_voters_change_nothing(rule, ballot, strangers):
    voters, positions, authors = ballot
    assert evaluate(rule, voters, strangers | positions, authors) == evaluate(rule, *ballot)


@EXAMPLES
@given(rules, ballots())
def test_author_approval_weighs_like_an_abstention_when_authors_may_not_approve(rule, ballot):
    voters, positions, authors = ballot
    rule = replace(rule, authors_may_approve=False)
    abstaining = {
        u: P.ABSTAIN if u in authors and p in (P.APPROVE, P.APPROVE_WITH_COMMENTS) else p
        for u, p in positions.items()
    }
    with_authors = evaluate(rule, voters, positions, authors)
    as_abstentions = evaluate(rule, voters, abstaining)
    assert without_tally(with_authors) == without_tally(as_abstentions)
    assert with_authors.tally.cast == as_abstentions.tally.cast


@EXAMPLES
@given(any_rule)
def test_rules_round_trip_through_storage(rule):
    assert rule_from_settings(rule.to_dict()) == rule


@EXAMPLES
@given(ballots(min_voters=1))
def test_everyone_approving_passes_per_group_when_there_are_two_voters(ballot):
    voters, _, _ = ballot
    positions = everyone(P.APPROVE, voters)
    verdict = evaluate(DEFAULT_RULE, voters, positions)
    assert verdict.passed == (len(voters) >= 2)


@EXAMPLES
@given(any_rule, ballots())
def test_group_without_voting_members_is_never_required(rule, ballot):
    voters, _, _ = ballot
    on_committee = {v.group for v in voters}
    for unmet in evaluate(rule, *ballot).unmet:
        if unmet.group is not None:
            assert unmet.group in on_committee
            assert unmet.group in VOTING_GROUPS
