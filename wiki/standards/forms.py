"""Forms for creating and editing standards."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

LEVEL_CHOICES = [SelectChoice(n, str(n)) for n in range(1, 6)]
LANGUAGE_CHOICES = [SelectChoice("es", _l("Spanish")), SelectChoice("en", _l("English"))]


class NewStandardForm(FlaskForm):
    committee = SelectField(_l("Committee"), validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, validators=[InputRequired()])
    level = SelectField(
        _l("Competency level"), choices=LEVEL_CHOICES, coerce=int, validators=[InputRequired()]
    )


class EditForm(FlaskForm):
    """The editor. ``base_number`` is the revision the text started from."""

    base_number = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    body = TextAreaField(_l("Text (Markdown)"), render_kw={"rows": 30, "spellcheck": "true"})
    summary = StringField(_l("Summary of your change"), validators=[Optional(), Length(max=300)])


class MetadataForm(FlaskForm):
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


class RestoreForm(FlaskForm):
    base_number = HiddenField(validators=[DataRequired()])
