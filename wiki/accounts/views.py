"""Logging in and out, changing one's password, and accepting an invitation."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from wiki.accounts import operations, queries, throttling, two_factor
from wiki.accounts.forms import ChangePasswordForm, LoginForm, SetPasswordForm
from wiki.accounts.sessions import start_session
from wiki.accounts.tokens import INVITE, TokenInvalid, account_fingerprint, read_token
from wiki.errors import InvalidInput, NotFound, RateLimited
from wiki.http import unit_of_work
from wiki.http.errors import retry_after_headers, translate_error
from wiki.http.form_input import same_site_path

bp = Blueprint("accounts", __name__)

#: the session key of a sign-in whose password was right and whose second step is awaited
PENDING_SIGN_IN = "pending_sign_in"


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("web.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            # a hash made with older parameters is replaced at log-in, hence the unit of work
            user = unit_of_work.run(
                lambda: throttling.authenticate(form.email.data, form.password.data)
            )
        except RateLimited as error:
            unit_of_work.show_error(form, error)
            return render_template("accounts/login.html", form=form), 429, retry_after_headers(
                error
            )
        if user is None:
            form.password.errors.append(_("The email or password is not correct."))
            return render_template("accounts/login.html", form=form), 401
        next_path = same_site_path(request.args.get("next"))
        if user.has_two_factor:
            challenge = unit_of_work.run(lambda: two_factor.start_sign_in_challenge(user))
            session.clear()
            session[PENDING_SIGN_IN] = {
                "challenge": challenge,
                "user": user.id,
                "remember": bool(form.remember.data),
                "next": next_path,
            }
            return redirect(url_for("two_factor.sign_in_code"))
        start_session(user, form.remember.data)
        flash(_("Welcome, %(name)s.", name=user.display_name), "success")
        return redirect(next_path or url_for("web.home"))
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    unit_of_work.run(lambda: operations.end_all_sessions(current_user))
    logout_user()
    session.clear()
    flash(_("You have logged out."), "info")
    return redirect(url_for("web.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.change_password(
            current_user, form.current_password.data, form.password.data
        ),
        field="current_password",
    )
    if not outcome.committed:
        return render_template("accounts/change_password.html", form=form), outcome.status
    # The password change ended every session; keep this one alive.
    start_session(current_user._get_current_object(), remember=False)
    flash(_("Your password has been changed. Other sessions were logged out."), "success")
    return redirect(url_for("web.home"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str):
    max_age = current_app.config["INVITE_MAX_AGE_HOURS"] * 3600
    try:
        user_id, fingerprint = read_token(INVITE, current_app.config["SECRET_KEY"], token, max_age)
        user = queries.get_user(user_id)
        if not user.active or fingerprint != account_fingerprint(
            user.password_hash, user.session_token
        ):
            raise TokenInvalid("This link has already been used or is no longer valid.")
    except InvalidInput as error:
        return render_template("accounts/invite_invalid.html", message=translate_error(error)), 400
    except NotFound:
        message = _("This link is not valid.")
        return render_template("accounts/invite_invalid.html", message=message), 400
    form = SetPasswordForm()
    outcome = unit_of_work.submit(
        form, lambda: operations.set_password(user, form.password.data), field="password"
    )
    if not outcome.committed:
        return render_template("accounts/set_password.html", form=form, user=user), outcome.status
    start_session(user, remember=False)
    flash(_("Your password is set. Welcome, %(name)s.", name=user.display_name), "success")
    return redirect(url_for("web.home"))
