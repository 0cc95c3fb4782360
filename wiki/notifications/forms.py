"""Forms of the notifications page and the watch button."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField


class ButtonForm(FlaskForm):
    """A button that changes something: mark read, watch, unwatch. Only the CSRF token."""


class EmailPreferenceForm(FlaskForm):
    email = BooleanField(_l("Also send me my notifications by email"))
