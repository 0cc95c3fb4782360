"""The form a chair fills in to open a public consultation."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms.validators import InputRequired

from wiki.http.form_input import CheckedForm


class OpenConsultationForm(CheckedForm):
    closes_on = DateField(
        _l("Last day for comments"),
        validators=[InputRequired(message=_l("Enter the last day for comments."))],
    )


class CloseConsultationForm(CheckedForm):
    """The close button: only the CSRF token."""
