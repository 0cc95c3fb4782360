"""Forms for committees and their members. Domain rules are checked by the operations."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from wiki.accounts.forms import GROUP_CHOICES
from wiki.committees.labels import ROLE_LABELS
from wiki.http.form_input import CheckedForm

ROLE_CHOICES = [SelectChoice(role.value, words) for role, words in ROLE_LABELS.items()]


class CommitteeForm(CheckedForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    sector = StringField(_l("Sector"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 4}
    )


class NewCommitteeForm(CommitteeForm):
    slug = StringField(
        _l("Web address (optional)"), validators=[Optional(), Length(max=64)]
    )


class SeatFields(CheckedForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[InputRequired()])
    can_vote = BooleanField(_l("Has a vote"))
    group = SelectField(
        _l("Stakeholder group represented"), choices=GROUP_CHOICES, validators=[InputRequired()]
    )


class AddMemberForm(SeatFields):
    email = EmailField(
        _l("Email of the person's account"), validators=[DataRequired(), Length(max=254)]
    )


class ChangeMemberForm(SeatFields):
    pass
