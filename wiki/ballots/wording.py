"""Consensus rules and verdicts in plain words, in the reader's language.

The one place that turns ``Unmet`` data and ``ConsensusRule`` fields into sentences: ballot pages,
the standard's ballot panel and the committee pages all call these functions, so the same condition
always reads the same way. Every sentence is a whole msgid, so translators never assemble
fragments.
"""

from collections.abc import Iterable, Mapping
from fractions import Fraction

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from wiki.ballots.consensus import ConsensusRule, Unmet, Verdict
from wiki.roles import StakeholderGroup

G = StakeholderGroup

#: "an approval from a union representative", one whole phrase per group
_ONE_APPROVAL_FROM = {
    G.INDUSTRY: _l("Missing: an approval from an industry representative."),
    G.UNION: _l("Missing: an approval from a union representative."),
    G.EDUCATION: _l("Missing: an approval from an education representative."),
    G.GOVERNMENT: _l("Missing: an approval from a government representative."),
    G.AGENCY: _l("Missing: an approval from an agency representative."),
}

#: the group's people, plural, for counts
_REPRESENTATIVES = {
    G.INDUSTRY: _l("industry representatives"),
    G.UNION: _l("union representatives"),
    G.EDUCATION: _l("education representatives"),
    G.GOVERNMENT: _l("government representatives"),
    G.AGENCY: _l("agency representatives"),
}

_ALL_RECUSED = {
    G.INDUSTRY: _l(
        "Every industry representative has recused, so industry cannot approve. Seat a member "
        "without a conflict of interest, or change the rule."
    ),
    G.UNION: _l(
        "Every union representative has recused, so the unions cannot approve. Seat a member "
        "without a conflict of interest, or change the rule."
    ),
    G.EDUCATION: _l(
        "Every education representative has recused, so education cannot approve. Seat a "
        "member without a conflict of interest, or change the rule."
    ),
    G.GOVERNMENT: _l(
        "Every government representative has recused, so government cannot approve. Seat a "
        "member without a conflict of interest, or change the rule."
    ),
    G.AGENCY: _l(
        "Every agency representative has recused. Seat a member without a conflict of "
        "interest, or change the rule."
    ),
}

#: shares people say in words; others are shown as percentages
_SHARE_WORDS = {
    Fraction(1, 2): _l("one half"),
    Fraction(1, 3): _l("one third"),
    Fraction(2, 3): _l("two thirds"),
    Fraction(1, 4): _l("one quarter"),
    Fraction(3, 4): _l("three quarters"),
    Fraction(1, 5): _l("one fifth"),
    Fraction(1): _l("all"),
}


def share_in_words(value: Fraction) -> str:
    """``2/3`` -> "two thirds"; shares without a common name as a percentage, e.g. "60%"."""
    if value in _SHARE_WORDS:
        return str(_SHARE_WORDS[value])
    percent = value * 100
    shown = f"{float(percent):.1f}".rstrip("0").rstrip(".")
    return f"{shown}%"


def names_in_words(user_ids: Iterable[int], names: Mapping[int, str]) -> str:
    """ "Ana", "Ana and Luis", "Ana, Luis and Rosa", in the reader's language."""
    people = [names.get(user_id, _("a former member")) for user_id in user_ids]
    if not people:
        return ""
    if len(people) == 1:
        return people[0]
    return _("%(first)s and %(last)s", first=", ".join(people[:-1]), last=people[-1])


def unmet_sentence(unmet: Unmet, names: Mapping[int, str]) -> str:
    """One condition that does not hold, as a sentence a committee member understands."""
    code, needed, have = unmet.code, unmet.needed or 0, unmet.have or 0
    missing = needed - have
    if code == "no_voters":
        return _("Nobody can vote: the committee has no voting member who has not recused.")
    if code == "min_approvals":
        return ngettext(
            "Missing: %(num)d more approval overall (%(have)d of %(needed)d so far).",
            "Missing: %(num)d more approvals overall (%(have)d of %(needed)d so far).",
            missing,
            have=have,
            needed=needed,
        )
    if code == "group_all_recused":
        return str(_ALL_RECUSED[unmet.group])
    if code == "missing_group_approval":
        if needed == 1:
            return str(_ONE_APPROVAL_FROM[unmet.group])
        return ngettext(
            "Missing: %(num)d more approval from %(people)s (%(have)d of %(needed)d so far).",
            "Missing: %(num)d more approvals from %(people)s (%(have)d of %(needed)d so far).",
            missing,
            people=_REPRESENTATIVES[unmet.group],
            have=have,
            needed=needed,
        )
    if code == "group_share":
        return ngettext(
            "Missing: %(num)d more approval from %(people)s to reach the share the rule asks "
            "for (%(have)d of %(needed)d so far).",
            "Missing: %(num)d more approvals from %(people)s to reach the share the rule asks "
            "for (%(have)d of %(needed)d so far).",
            missing,
            people=_REPRESENTATIVES[unmet.group],
            have=have,
            needed=needed,
        )
    if code == "open_objections":
        who = names_in_words(unmet.user_ids, names)
        if needed == 0:
            return ngettext(
                "%(num)d open objection, by %(who)s.",
                "%(num)d open objections, by %(who)s.",
                have,
                who=who,
            )
        return ngettext(
            "%(num)d open objection, by %(who)s; at most %(allowed)d may remain.",
            "%(num)d open objections, by %(who)s; at most %(allowed)d may remain.",
            have,
            who=who,
            allowed=needed,
        )
    if code == "majority":
        return ngettext(
            "Missing: a majority of the votes cast. %(have)d approval; %(needed)d needed.",
            "Missing: a majority of the votes cast. %(have)d approvals; %(needed)d needed.",
            have,
            have=have,
            needed=needed,
        )
    if code == "supermajority":
        return ngettext(
            "Missing: enough approvals among the votes cast. %(have)d approval; %(needed)d needed.",
            "Missing: enough approvals among the votes cast. %(have)d approvals; "
            "%(needed)d needed.",
            have,
            have=have,
            needed=needed,
        )
    if code == "negative_share":
        return ngettext(
            "Too many objections among the votes cast: %(num)d, by %(who)s; at most "
            "%(allowed)d allowed.",
            "Too many objections among the votes cast: %(num)d, by %(who)s; at most "
            "%(allowed)d allowed.",
            have,
            who=names_in_words(unmet.user_ids, names),
            allowed=needed,
        )
    return _("A condition of the rule does not hold (%(code)s).", code=code)


def unmet_sentences(verdict: Verdict, names: Mapping[int, str]) -> list[str]:
    """What the ballot still lacks, one sentence per unmet condition, in the rule's order."""
    return [unmet_sentence(unmet, names) for unmet in verdict.unmet]


def met_sentences(verdict: Verdict, rule: ConsensusRule) -> list[str]:
    """The conditions that hold, in plain words (nothing for the trivial "someone can vote")."""
    tally = verdict.tally
    sentences = []
    for code in verdict.met:
        if code == "min_approvals":
            sentences.append(
                ngettext(
                    "%(num)d approval overall; the rule asks for at least %(needed)d.",
                    "%(num)d approvals overall; the rule asks for at least %(needed)d.",
                    tally.approvals,
                    needed=rule.min_approvals,
                )
            )
        elif code == "missing_group_approval":
            sentences.append(_("Every stakeholder group on the committee has approved."))
        elif code == "group_share":
            sentences.append(
                _("Every stakeholder group has approved in the share the rule asks for.")
            )
        elif code == "open_objections":
            if tally.objections == 0:
                sentences.append(_("No objection is open."))
            else:
                sentences.append(
                    ngettext(
                        "%(num)d objection is open, within the limit of %(allowed)d.",
                        "%(num)d objections are open, within the limit of %(allowed)d.",
                        tally.objections,
                        allowed=rule.max_open_objections,
                    )
                )
        elif code == "majority":
            sentences.append(
                _(
                    "A majority of the votes cast approve: %(approvals)d of %(cast)d.",
                    approvals=tally.approvals,
                    cast=tally.cast,
                )
            )
        elif code == "supermajority":
            sentences.append(
                _(
                    "At least %(share)s of the votes cast approve: %(approvals)d of %(cast)d.",
                    share=share_in_words(rule.supermajority),
                    approvals=tally.approvals,
                    cast=tally.cast,
                )
            )
        elif code == "negative_share":
            sentences.append(
                _(
                    "At most %(share)s of the votes cast object: %(objections)d of %(cast)d.",
                    share=share_in_words(rule.max_negative_share),
                    objections=tally.objections,
                    cast=tally.cast,
                )
            )
    return sentences


def rule_sentences(rule: ConsensusRule) -> list[str]:
    """The committee's consensus rule as sentences, each a condition a ballot must meet."""
    sentences = [
        ngettext(
            "At least %(num)d member with a vote approves.",
            "At least %(num)d members with a vote approve.",
            rule.min_approvals,
        )
    ]
    if rule.group_min_approvals:
        sentences.append(
            ngettext(
                "Every stakeholder group with voting members (industry, unions, education, "
                "government) gives at least %(num)d approval.",
                "Every stakeholder group with voting members (industry, unions, education, "
                "government) gives at least %(num)d approvals.",
                rule.group_min_approvals,
            )
        )
    if rule.group_min_share is not None:
        sentences.append(
            _(
                "In every stakeholder group with voting members, at least %(share)s of them "
                "approve.",
                share=share_in_words(rule.group_min_share),
            )
        )
    if rule.max_open_objections is None:
        sentences.append(_("Objections are weighed but do not block the ballot by themselves."))
    elif rule.max_open_objections == 0:
        sentences.append(_("No member with a vote still objects when the ballot closes."))
    else:
        sentences.append(
            ngettext(
                "At most %(num)d objection remains open.",
                "At most %(num)d objections remain open.",
                rule.max_open_objections,
            )
        )
    if rule.majority:
        sentences.append(_("More than half of the votes cast are approvals; a tie fails."))
    if rule.supermajority is not None:
        sentences.append(
            _(
                "At least %(share)s of the votes cast are approvals.",
                share=share_in_words(rule.supermajority),
            )
        )
    if rule.max_negative_share is not None:
        sentences.append(
            _(
                "At most %(share)s of the votes cast are objections.",
                share=share_in_words(rule.max_negative_share),
            )
        )
    if not rule.authors_may_approve:
        sentences.append(
            _("Approvals from the authors of the changes put to the vote do not count.")
        )
    return sentences


#: said under every rule: what "votes cast" means
VOTES_CAST_NOTE = _l(
    "Votes cast are approvals and objections. Abstentions are not votes cast, and members who "
    "recuse themselves are not counted at all."
)
