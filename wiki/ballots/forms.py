"""Forms for opening ballots, casting positions, closing and cancelling, and setting the rule."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from wiki.ballots.consensus import Position
from wiki.ballots.operations import MAX_REASON_CHARS
from wiki.http.form_input import CheckedForm, whole_number

POSITION_CHOICES = [
    SelectChoice(Position.APPROVE.value, _l("Approve")),
    SelectChoice(Position.APPROVE_WITH_COMMENTS.value, _l("Approve with comments")),
    SelectChoice(Position.OBJECT.value, _l("Object (blocks the ballot; give your reason)")),
    SelectChoice(Position.ABSTAIN.value, _l("Abstain")),
    SelectChoice(Position.RECUSE.value, _l("Recuse (conflict of interest; you are not counted)")),
]

#: the presets offered beside the custom rule, with their names (links, not a form field)
PRESET_CHOICES = [
    ("per_group", _l("Per-group consensus (the default)")),
    ("iso", _l("Two thirds in favour, at most one quarter against (ISO style)")),
    ("simple_majority", _l("Simple majority")),
]


class OpenBallotForm(CheckedForm):
    """``revision_number`` is the revision the chair read, so the ballot opens on that text."""

    revision_number = HiddenField()
    closes_on = DateField(
        _l("Closing date (optional)"),
        validators=[Optional()],
    )
    template_text_accepted = BooleanField(
        _l(
            "I have read the list above: the committee should vote on this revision as it is, "
            "template text and missing parts included."
        )
    )

    def revision(self) -> int | None:
        """The number of the revision the chair read, if the form still says it."""
        return whole_number(self.revision_number.data)


class PositionForm(CheckedForm):
    position = RadioField(
        _l("Your position"),
        choices=POSITION_CHOICES,
        validators=[InputRequired(message=_l("Choose a position."))],
    )
    reason = TextAreaField(
        _l("Reason or comments"),
        validators=[Optional(), Length(max=MAX_REASON_CHARS)],
        description=_l("Required when you object: say what has to change for you to approve."),
        render_kw={"rows": 4},
    )


class CancelBallotForm(CheckedForm):
    reason = TextAreaField(
        _l("Why the ballot is cancelled (optional)"),
        validators=[Optional(), Length(max=MAX_REASON_CHARS)],
        render_kw={"rows": 2},
    )


class ConsensusRuleForm(CheckedForm):
    """Every field of ``ConsensusRule``; shares accept 2/3, 0.75 or 75%."""

    min_approvals = StringField(
        _l("Approvals needed overall"), validators=[InputRequired(), Length(max=6)]
    )
    group_min_approvals = StringField(
        _l("Approvals needed from every stakeholder group"),
        validators=[InputRequired(), Length(max=6)],
        description=_l("0 means no group has to approve by itself."),
    )
    group_min_share = StringField(
        _l("Share of each group's voting members who must approve (optional)"),
        validators=[Optional(), Length(max=12)],
        description=_l("For example 1/2 or 50%. Leave empty for no share."),
    )
    max_open_objections = StringField(
        _l("Objections that may remain open"),
        validators=[Optional(), Length(max=6)],
        description=_l(
            "0: any objection blocks. Leave empty: objections never block by themselves."
        ),
    )
    majority = BooleanField(_l("More than half of the votes cast must approve"))
    supermajority = StringField(
        _l("Share of votes cast that must approve (optional)"),
        validators=[Optional(), Length(max=12)],
        description=_l("More than one half, for example 2/3 or 75%."),
    )
    max_negative_share = StringField(
        _l("Largest share of votes cast that may object (optional)"),
        validators=[Optional(), Length(max=12)],
        description=_l("Less than all, for example 1/4 or 25%."),
    )
    authors_may_approve = BooleanField(_l("Authors of the changes may approve them"))

    #: the names of the rule's fields, in the form's order
    RULE_FIELDS = (
        "min_approvals",
        "group_min_approvals",
        "group_min_share",
        "max_open_objections",
        "majority",
        "supermajority",
        "max_negative_share",
        "authors_may_approve",
    )
