"""Two-step verification pages: set it up from one's account, and the code after the password.

An administrator who must use it (``REQUIRE_TWO_FACTOR_FOR_ADMINS``) and has not set it up is
signed in, but every page except these and logging out sends them here first.
"""

import segno
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
from flask_login import current_user, login_required
from markupsafe import Markup

from wiki.accounts import throttling, totp, two_factor
from wiki.accounts.forms import (
    EnrolForm,
    NewRecoveryCodesForm,
    SignInCodeForm,
    TurnOffTwoFactorForm,
)
from wiki.accounts.views import PENDING_SIGN_IN, start_session
from wiki.errors import RateLimited
from wiki.http import unit_of_work
from wiki.http.errors import retry_after_headers

bp = Blueprint("two_factor", __name__)

#: pages an administrator who still has to set up two-step verification may open
OPEN_BEFORE_ENROLMENT = frozenset({
    "static", "accounts.logout", "two_factor.overview", "two_factor.start", "two_factor.enrol",
})


def two_factor_required(user) -> bool:
    return user.is_admin and current_app.config["REQUIRE_TWO_FACTOR_FOR_ADMINS"]


@bp.before_app_request
def _administrators_enrol_first():
    if request.endpoint in OPEN_BEFORE_ENROLMENT or not current_user.is_authenticated:
        return None
    if two_factor_required(current_user) and not current_user.has_two_factor:
        flash(_("Agency administrators use two-step verification. Set it up to continue."),
              "info")
        return redirect(url_for("two_factor.overview"))
    return None


def _private(page, status: int = 200):
    """A page showing a secret or recovery codes: no cache may keep it."""
    response = current_app.make_response((page, status))
    response.headers["Cache-Control"] = "no-store"
    return response


def _overview(codes_form=None, disable_form=None, status: int = 200):
    user = current_user._get_current_object()
    return render_template(
        "accounts/two_factor.html",
        required=two_factor_required(user),
        codes_left=two_factor.recovery_codes_left(user) if user.has_two_factor else 0,
        codes_form=codes_form or NewRecoveryCodesForm(),
        disable_form=disable_form or TurnOffTwoFactorForm(),
    ), status


@bp.route("/account/two-step")
@login_required
def overview():
    return _overview()


@bp.route("/account/two-step/start", methods=["POST"])
@login_required
def start():
    unit_of_work.run(lambda: two_factor.start_enrolment(current_user._get_current_object()))
    return redirect(url_for("two_factor.enrol"))


def qr_code_svg(uri: str) -> Markup:
    """The URI as an inline SVG QR code (paths only, sized by the stylesheet)."""
    svg = segno.make(uri, error="m").svg_inline(scale=1, border=4, omitsize=True, svgclass="qr")
    # segno writes only the SVG element and its path data, computed from the code's modules:
    # no text of the URI reaches the markup
    return Markup(svg)  # nosec B704


@bp.route("/account/two-step/set-up", methods=["GET", "POST"])
@login_required
def enrol():
    user = current_user._get_current_object()
    if user.has_two_factor or not user.totp_secret:
        return redirect(url_for("two_factor.overview"))
    form = EnrolForm()
    outcome = unit_of_work.submit(
        form, lambda: two_factor.confirm_enrolment(user, form.code.data), field="code"
    )
    if outcome.committed:
        flash(_("Two-step verification is on."), "success")
        return _private(render_template("accounts/recovery_codes.html", codes=outcome.result))
    secret = user.totp_secret
    page = render_template(
        "accounts/two_factor_enrol.html",
        form=form,
        qr_code=qr_code_svg(totp.provisioning_uri(secret, user.email)),
        secret_groups=[secret[i:i + 4] for i in range(0, len(secret), 4)],
    )
    return _private(page, outcome.status)


def _submit_with_proof(form, field: str, change):
    """Run ``change(user, proof)``, which first checks the password or a current code."""
    user = current_user._get_current_object()
    return unit_of_work.submit(form, lambda: change(user, form[field].data), field=field)


@bp.route("/account/two-step/recovery-codes", methods=["POST"])
@login_required
def regenerate_codes():
    form = NewRecoveryCodesForm()
    outcome = _submit_with_proof(form, "proof_for_codes", two_factor.regenerate_recovery_codes)
    if not outcome.committed:
        return _overview(codes_form=form, status=outcome.status)
    flash(_("New recovery codes replace the old ones."), "success")
    return _private(render_template("accounts/recovery_codes.html", codes=outcome.result))


@bp.route("/account/two-step/disable", methods=["POST"])
@login_required
def disable():
    form = TurnOffTwoFactorForm()
    outcome = _submit_with_proof(form, "proof_to_turn_off", two_factor.disable_two_factor)
    if not outcome.committed:
        return _overview(disable_form=form, status=outcome.status)
    flash(_("Two-step verification is off."), "success")
    return redirect(url_for("two_factor.overview"))


@bp.route("/login/code", methods=["GET", "POST"])
def sign_in_code():
    """The second step of signing in: the only place a sign-in code is checked.

    Every wrong code counts against the pending sign-in (``two_factor.throttle_second_factor``);
    after the last one the password is asked again. Wrong codes also count against the account
    from this address (the named limit ``second_factor``), so starting sign-ins afresh with the
    password gains no more guesses.
    """
    if current_user.is_authenticated:
        return redirect(url_for("web.home"))
    pending = session.get(PENDING_SIGN_IN)
    if not isinstance(pending, dict) or not (
        isinstance(pending.get("challenge"), str) and isinstance(pending.get("user"), int)
    ):
        flash(_("Log in with your email and password first."), "info")
        return redirect(url_for("accounts.login"))
    form = SignInCodeForm()
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("accounts/sign_in_code.html", form=form), status
    try:
        throttling.check_second_factor(pending["user"])
    except RateLimited as error:
        unit_of_work.show_error(form, error)
        page = render_template("accounts/sign_in_code.html", form=form)
        return page, 429, retry_after_headers(error)
    answer = unit_of_work.run(
        lambda: two_factor.answer_challenge(pending["challenge"], form.code.data)
    )
    if answer.user is None:
        throttling.second_factor_failed(pending["user"])
    else:
        throttling.second_factor_passed(pending["user"])
        start_session(answer.user, remember=bool(pending.get("remember")))
        flash(_("Welcome, %(name)s.", name=answer.user.display_name), "success")
        if answer.recovery_codes_left is not None:
            flash(_("You used a recovery code; %(count)d are left. Make new ones from your "
                    "account when few remain.", count=answer.recovery_codes_left), "info")
        return redirect(pending.get("next") or url_for("web.home"))
    if answer.attempts_left == 0:
        session.pop(PENDING_SIGN_IN, None)
        flash(_("Too many wrong codes, or too long since the password: log in again."), "error")
        return redirect(url_for("accounts.login"))
    form.code.errors.append(_(two_factor.WRONG_CODE))
    return render_template("accounts/sign_in_code.html", form=form), 401
