"""The form a chair fills in to open a public consultation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import InputRequired


class OpenConsultationForm(FlaskForm):
    closes_on = DateField(
        _l("Last day for comments"),
        validators=[InputRequired(message=_l("Enter the last day for comments."))],
    )


class CloseConsultationForm(FlaskForm):
    """The close button: only the CSRF token."""
