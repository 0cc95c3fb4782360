"""Public accounts: registration confirmed through a signed link (only when PUBLIC_REGISTRATION).

A registrant gives an email and a name; the account has no password until the link mailed to
that address sets one, so an address one does not control never becomes a usable account.
The page after registering says the same whether or not the email already had an account.
Registrations are limited per address (``registration``) and messages per recipient (``mail``).
"""

import logging

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from wiki.accounts import operations
from wiki.accounts.forms import RegisterForm, SetPasswordForm
from wiki.accounts.models import User
from wiki.accounts.sessions import start_session
from wiki.accounts.tokens import (
    CONFIRMATION,
    TokenExpired,
    TokenInvalid,
    account_fingerprint,
    make_token,
    read_token,
)
from wiki.extensions import db
from wiki.http import limits, unit_of_work
from wiki.http.errors import retry_after_headers, translate_error
from wiki.http.links import public_url
from wiki.i18n import N_
from wiki.mail import send_message

log = logging.getLogger(__name__)

bp = Blueprint("registration", __name__, url_prefix="/register")


@bp.before_request
def _only_when_enabled():
    if not current_app.config["PUBLIC_REGISTRATION"]:
        abort(404)


def _awaiting_confirmation(user: User) -> bool:
    return user.is_public and user.active and user.password_hash is None


def _mail_registrant(user: User) -> None:
    """The confirmation link, or, for an address that already has an account, a note saying so."""
    if not limits.may_mail(user.email):
        return
    hours = current_app.config["INVITE_MAX_AGE_HOURS"]
    with force_locale(user.locale):
        if _awaiting_confirmation(user):
            token = make_token(
                CONFIRMATION,
                current_app.config["SECRET_KEY"],
                user.id,
                account_fingerprint(user.password_hash, user.session_token),
            )
            link = public_url("registration.confirm", token=token)
            subject = _("Confirm your email address")
            body = render_template("accounts/mail_confirm.txt", user=user, link=link, hours=hours)
        else:
            subject = _("You already have an account")
            body = render_template(
                "accounts/mail_already_registered.txt",
                user=user,
                login=public_url("accounts.login"),
            )
    send_message(user.email, subject, body)


@bp.route("", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("web.home"))
    form = RegisterForm()
    locale = str(get_locale())

    def register_account():
        limits.take("registration", limits.client_address())
        return operations.register_public_account(
            email=form.email.data,
            display_name=form.display_name.data,
            stakeholder_group=form.stakeholder_group.data,
            locale=locale if locale in ("es", "en") else "es",
        )

    outcome = unit_of_work.submit(form, register_account, field="display_name")
    if not outcome.committed:
        return render_template("accounts/register.html", form=form), outcome.status, (
            retry_after_headers(outcome.error)
        )
    user, _created = outcome.result
    try:
        _mail_registrant(user)
    except OSError:
        log.exception("Could not send the registration mail to user %s", user.id)
        return render_template("accounts/register_sent.html", failed=True), 503
    return render_template("accounts/register_sent.html", email=user.email)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    max_age = current_app.config["INVITE_MAX_AGE_HOURS"] * 3600
    try:
        user_id, fingerprint = read_token(
            CONFIRMATION, current_app.config["SECRET_KEY"], token, max_age
        )
        user = db.session.get(User, user_id)
        if (
            user is None
            or not _awaiting_confirmation(user)
            or fingerprint != account_fingerprint(user.password_hash, user.session_token)
        ):
            raise TokenInvalid(N_("This link has already been used or is no longer valid."))
    except (TokenExpired, TokenInvalid) as error:
        return render_template(
            "accounts/invite_invalid.html", message=translate_error(error), registration=True
        ), 400
    form = SetPasswordForm()
    outcome = unit_of_work.submit(
        form, lambda: operations.confirm_public_account(user, form.password.data), field="password"
    )
    if not outcome.committed:
        return render_template("accounts/set_password.html", form=form, user=user), outcome.status
    start_session(user, remember=False)
    flash(_("Your email address is confirmed. Welcome, %(name)s.", name=user.display_name),
          "success")
    return redirect(url_for("web.home"))
