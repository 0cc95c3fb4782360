"""Forms for creating and editing standards."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from wiki.http.form_input import CheckedForm, whole_number
from wiki.standards.models import Revision

LEVEL_CHOICES = [SelectChoice(n, str(n)) for n in range(1, 6)]
LANGUAGE_CHOICES = [SelectChoice("es", _l("Spanish")), SelectChoice("en", _l("English"))]


class NewStandardForm(CheckedForm):
    committee = SelectField(_l("Committee"), validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, validators=[InputRequired()])
    level = SelectField(
        _l("Competency level"), choices=LEVEL_CHOICES, coerce=int, validators=[InputRequired()]
    )


class EditForm(CheckedForm):
    """The editor. ``base_number`` is the revision the text started from."""

    base_number = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    body = TextAreaField(_l("Text (Markdown)"), render_kw={"rows": 30, "spellcheck": "true"})
    summary = StringField(_l("Summary of your change"), validators=[Optional(), Length(max=300)])

    @classmethod
    def starting_from(cls, head: Revision) -> "EditForm":
        """The editor: the head revision's text when first shown, what was sent when sent."""
        form = cls()
        if not form.is_submitted():
            form.base_number.data = head.number
            form.title.data = head.title
            form.body.data = head.body_markdown
        return form

    def validate(self, extra_validators=None) -> bool:
        """Also refuse a lost base revision, said on the body."""
        if not super().validate(extra_validators):
            return False
        if self.base() is None:
            self.body.errors = [
                *self.body.errors,
                _(
                    "The form lost track of which revision you edited. "
                    "Compare your text with the current one before saving."
                ),
            ]
            return False
        return True

    def base(self) -> int | None:
        """The number of the revision the text started from, if the form still says it."""
        return whole_number(self.base_number.data)

    def text_input(self) -> dict:
        """What ``operations.prepare_save`` takes from the validated form."""
        return {"base_number": self.base(), "title": self.title.data, "body": self.body.data or ""}

    def revision_input(self) -> dict:
        """What ``operations.save_revision`` takes from the validated form."""
        return {**self.text_input(), "summary": self.summary.data or ""}


class MetadataForm(CheckedForm):
    #: what ``operations.update_metadata`` takes from the form
    FIELDS = (
        "level",
        "review_period_years",
        "certificate_validity_years",
        "occupations",
        "industry_code",
        "organisations",
    )

    level = SelectField(_l("Competency level"), choices=LEVEL_CHOICES, coerce=int)
    review_period_years = IntegerField(
        _l("Review period (years)"), validators=[InputRequired(), NumberRange(1, 10)]
    )
    certificate_validity_years = IntegerField(
        _l("Certificate validity (years)"), validators=[InputRequired(), NumberRange(1, 10)]
    )
    occupations = TextAreaField(
        _l("Related occupations (one per line)"),
        validators=[Length(max=5000)],
        render_kw={"rows": 4},
    )
    industry_code = StringField(
        _l("Industry classification code (SCIAN)"), validators=[Length(max=20)]
    )
    organisations = TextAreaField(
        _l("Participating organisations (one per line)"),
        validators=[Length(max=5000)],
        render_kw={"rows": 4},
    )


class RestoreForm(CheckedForm):
    base_number = HiddenField(validators=[DataRequired()])
