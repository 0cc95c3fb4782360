"""Verdicts and rules in plain words: every condition reads as a whole sentence with its numbers."""

import re
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiki.ballots.consensus import (
    CODES,
    DEFAULT_RULE,
    PRESETS,
    ConsensusRule,
    Position,
    Unmet,
    Voter,
    evaluate,
)
from wiki.ballots.outcome import verdict_from_dict, verdict_to_dict
from wiki.ballots.rule_settings import rule_from_settings
from wiki.ballots.wording import (
    met_sentences,
    names_in_words,
    rule_sentences,
    share_in_words,
    unmet_sentence,
    unmet_sentences,
)
from wiki.errors import InvalidInput
from wiki.http.errors import translate_error
from wiki.roles import StakeholderGroup

G = StakeholderGroup
P = Position
NAMES = {1: "Lucía Hernández", 2: "Jorge Muñoz", 3: "Emily Carter", 4: "Héctor Salinas"}
COMMITTEE = (Voter(1, G.INDUSTRY), Voter(2, G.UNION), Voter(3, G.EDUCATION), Voter(4, G.GOVERNMENT))


@pytest.fixture(autouse=True)
def english(app):
    with app.test_request_context("/?lang=en"):
        yield


def test_a_missing_union_approval_reads_as_the_issue_says():
    verdict = evaluate(DEFAULT_RULE, COMMITTEE, {1: P.APPROVE, 3: P.APPROVE, 4: P.APPROVE})
    assert unmet_sentences(verdict, NAMES) == ["Missing: an approval from a union representative."]


def test_an_open_objection_names_the_objector():
    positions = dict.fromkeys(NAMES, P.APPROVE) | {2: P.OBJECT}
    verdict = evaluate(DEFAULT_RULE, COMMITTEE, positions)
    assert "1 open objection, by Jorge Muñoz." in unmet_sentences(verdict, NAMES)


def test_several_objectors_are_listed_in_one_sentence():
    unmet = Unmet("open_objections", needed=1, have=3, user_ids=(1, 2, 3))
    assert unmet_sentence(unmet, NAMES) == (
        "3 open objections, by Lucía Hernández, Jorge Muñoz and Emily Carter; at most 1 may remain."
    )


def test_counts_say_how_many_more_are_missing():
    assert unmet_sentence(Unmet("min_approvals", needed=3, have=1), NAMES) == (
        "Missing: 2 more approvals overall (1 of 3 so far)."
    )
    assert unmet_sentence(
        Unmet("missing_group_approval", group=G.EDUCATION, needed=2, have=1), NAMES
    ) == ("Missing: 1 more approval from education representatives (1 of 2 so far).")


def test_a_former_member_is_still_named_somehow():
    assert names_in_words([99], NAMES) == "a former member"


def test_met_conditions_are_said_too():
    verdict = evaluate(DEFAULT_RULE, COMMITTEE, dict.fromkeys(NAMES, P.APPROVE))
    assert met_sentences(verdict, DEFAULT_RULE) == [
        "4 approvals overall; the rule asks for at least 2.",
        "Every stakeholder group on the committee has approved.",
        "No objection is open.",
    ]


def test_the_iso_preset_in_plain_words():
    assert rule_sentences(PRESETS["iso"]) == [
        "At least 2 members with a vote approve.",
        "Objections are weighed but do not block the ballot by themselves.",
        "At least two thirds of the votes cast are approvals.",
        "At most one quarter of the votes cast are objections.",
    ]


def test_the_default_rule_in_plain_words():
    assert rule_sentences(DEFAULT_RULE) == [
        "At least 2 members with a vote approve.",
        "Every stakeholder group with voting members (industry, unions, education, government) "
        "gives at least 1 approval.",
        "No member with a vote still objects when the ballot closes.",
    ]


@pytest.mark.parametrize(
    ("share", "words"),
    [(Fraction(2, 3), "two thirds"), (Fraction(3, 5), "60%"), (Fraction(5, 8), "62.5%")],
)
def test_shares_are_said_in_words_or_as_percentages(share, words):
    assert share_in_words(share) == words


FRACTIONS = sorted({Fraction(p, q) for q in range(1, 9) for p in range(1, q)})
rules = st.builds(
    ConsensusRule,
    min_approvals=st.integers(1, 4),
    group_min_approvals=st.integers(0, 2),
    group_min_share=st.none() | st.sampled_from(FRACTIONS),
    max_open_objections=st.none() | st.integers(0, 2),
    majority=st.booleans(),
    supermajority=st.none() | st.sampled_from([f for f in FRACTIONS if f > Fraction(1, 2)]),
    max_negative_share=st.none() | st.sampled_from(FRACTIONS),
    authors_may_approve=st.booleans(),
)
committees = st.lists(
    st.tuples(st.sampled_from(StakeholderGroup), st.none() | st.sampled_from(Position)),
    max_size=8,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rules, committees)
def test_every_verdict_reads_as_whole_sentences(rule, seats):
    voters = [Voter(i, group) for i, (group, _) in enumerate(seats, start=1)]
    positions = {i: p for i, (_, p) in enumerate(seats, start=1) if p is not None}
    verdict = evaluate(rule, voters, positions, authors={1})
    names = {v.user_id: f"Persona {v.user_id}" for v in voters}
    sentences = unmet_sentences(verdict, names) + met_sentences(verdict, rule)
    sentences += rule_sentences(rule)
    for sentence in sentences:
        assert sentence and sentence[-1] == "."
        assert "%(" not in sentence and "None" not in sentence
        assert "A condition of the rule does not hold" not in sentence
    for unmet, sentence in zip(verdict.unmet, unmet_sentences(verdict, names), strict=True):
        if unmet.code == "open_objections":
            assert all(names[u] in sentence for u in unmet.user_ids)
        if unmet.code not in ("no_voters", "group_all_recused", "missing_group_approval"):
            assert re.search(r"[0-9]", sentence)
    assert verdict_from_dict(verdict_to_dict(verdict)) == verdict


def test_every_code_the_engine_reports_has_its_own_sentence():
    for code in CODES:
        sentence = unmet_sentence(Unmet(code, group=G.UNION, needed=2, have=1), NAMES)
        assert not sentence.startswith("A condition of the rule does not hold"), code


@pytest.mark.parametrize("value", ["abc", "setenta%", "½"])
def test_a_refused_share_reads_as_a_message_not_a_server_error(value):
    with pytest.raises(InvalidInput) as caught:
        rule_from_settings({"supermajority": value})
    assert translate_error(caught.value) == (
        "supermajority must be a fraction such as 2/3, 0.75 or 75%."
    )
