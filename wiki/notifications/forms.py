"""Forms of the notifications page and the watch button."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from wiki.http.form_input import CheckedForm


class ButtonForm(CheckedForm):
    """A button that changes something: mark read, watch, unwatch. Only the CSRF token."""


class EmailPreferenceForm(CheckedForm):
    email = BooleanField(_l("Also send me my notifications by email"))
