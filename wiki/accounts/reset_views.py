"""“Forgot your password?”: a signed, expiring, single-use link by mail (only when mail is on).

Whoever asks is told the same, and in about the same time, whether or not the email has an
account: the link is mailed only to an active account with a password, and by the background
mail worker, so the answer never waits for the mail server. The link carries a fingerprint
of the password hash and session token, so it works once; choosing the new password ends
every session, and the person then logs in with it (a second factor, where there is one,
is still asked). Requests are limited per address (``password_reset``) and messages per
recipient (``mail``).
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from wiki.accounts import operations, queries
from wiki.accounts.forms import ForgotPasswordForm, SetPasswordForm
from wiki.accounts.models import User
from wiki.accounts.tokens import (
    LINK_USED,
    PASSWORD_RESET,
    TokenExpired,
    TokenInvalid,
    account_fingerprint,
    read_token,
    token_for,
)
from wiki.errors import RateLimited
from wiki.extensions import db
from wiki.http import limits, unit_of_work
from wiki.http.errors import retry_after_headers, translate_error
from wiki.http.links import public_url
from wiki.mail import mail_enabled
from wiki.notifications.delivery import OutgoingMail, dispatch

bp = Blueprint("password_reset", __name__, url_prefix="/password")


@bp.route("/forgot", methods=["GET", "POST"])
def forgot():
    if not mail_enabled():
        abort(404)
    if current_user.is_authenticated:
        return redirect(url_for("accounts.change_password"))
    form = ForgotPasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/forgot_password.html", form=form), (
            400 if form.errors else 200
        )
    try:
        limits.take("password_reset", limits.client_address())
    except RateLimited as error:
        unit_of_work.show_error(form, error)
        return render_template("accounts/forgot_password.html", form=form), 429, (
            retry_after_headers(error)
        )
    user = queries.find_user_by_email(form.email.data)
    if user is not None and queries.may_reset_password(user) and limits.may_mail(user.email):
        dispatch([_reset_mail(user)])
    return render_template("accounts/forgot_password_sent.html", email=form.email.data)


def _max_age_minutes() -> int:
    return current_app.config["PASSWORD_RESET_MAX_AGE_MINUTES"]


def _reset_mail(user: User) -> OutgoingMail:
    token = token_for(PASSWORD_RESET, current_app.config["SECRET_KEY"], user)
    link = public_url("password_reset.choose", token=token)
    with force_locale(user.locale):
        subject = _("Choose a new password")
        body = render_template(
            "accounts/mail_password_reset.txt", user=user, link=link, minutes=_max_age_minutes()
        )
    return OutgoingMail(user.email, subject, body)


def _linked_account(token: str) -> tuple[User, str]:
    """The account the link is for and its fingerprint; TokenExpired or TokenInvalid."""
    user_id, fingerprint = read_token(
        PASSWORD_RESET, current_app.config["SECRET_KEY"], token, _max_age_minutes() * 60
    )
    user = db.session.get(User, user_id)
    if (
        user is None
        or not queries.may_reset_password(user)
        or fingerprint != account_fingerprint(user.password_hash, user.session_token)
    ):
        raise TokenInvalid(LINK_USED)
    return user, fingerprint


@bp.route("/reset/<token>", methods=["GET", "POST"])
def choose(token: str):
    try:
        user, fingerprint = _linked_account(token)
    except (TokenExpired, TokenInvalid) as error:
        return render_template(
            "accounts/invite_invalid.html", message=translate_error(error), reset=True
        ), 400
    form = SetPasswordForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.reset_forgotten_password(user.id, fingerprint, form.password.data),
        field="password",
    )
    if not outcome.committed:
        return render_template("accounts/set_password.html", form=form, user=user), outcome.status
    flash(
        _("Your new password is set and every session was logged out. Log in with it."),
        "success",
    )
    return redirect(url_for("accounts.login"))
