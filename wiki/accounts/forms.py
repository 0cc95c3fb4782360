"""Forms for logging in, managing one's own account, invitations and registration."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length

from wiki.accounts.labels import GROUP_LABELS
from wiki.accounts.password_strength import MIN_PASSWORD_LENGTH
from wiki.http.form_input import CheckedForm

GROUP_CHOICES = [SelectChoice(group.value, words) for group, words in GROUP_LABELS.items()]


class LoginForm(CheckedForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = current_app.config["REMEMBER_DAYS"]
        self.remember.label.text = ngettext(
            "Keep me logged in on this device (%(num)d day)",
            "Keep me logged in on this device (%(num)d days)",
            days,
        )


class ForgotPasswordForm(CheckedForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])


class SetPasswordForm(CheckedForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=1024)],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])


LANGUAGE_CHOICES = [SelectChoice("es", _l("Spanish")), SelectChoice("en", _l("English"))]


class InviteForm(CheckedForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    display_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    stakeholder_group = SelectField(
        _l("Stakeholder group"), choices=GROUP_CHOICES, validators=[InputRequired()]
    )
    locale = SelectField(_l("Language of the invitation"), choices=LANGUAGE_CHOICES)
    is_admin = BooleanField(_l("Agency administrator (manages committees and accounts)"))


class AccountForm(CheckedForm):
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=120)])
    locale = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES)


class RegisterForm(CheckedForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    stakeholder_group = SelectField(
        _l("The sector you come from"),
        choices=GROUP_CHOICES[:4],
        validators=[InputRequired()],
    )


class SignInCodeForm(CheckedForm):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(), Length(max=64)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"},
    )


class EnrolForm(CheckedForm):
    code = StringField(
        _l("The six-digit code your app shows"),
        validators=[DataRequired(), Length(max=64)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


def _proof_field():
    """Proving it is you before changing two-step verification."""
    return PasswordField(
        _l("Your password, or a current code from your app"),
        validators=[DataRequired(), Length(max=1024)],
    )


# Two forms on one page: their fields have names (and so ids) of their own.
class NewRecoveryCodesForm(CheckedForm):
    proof_for_codes = _proof_field()


class TurnOffTwoFactorForm(CheckedForm):
    proof_to_turn_off = _proof_field()
