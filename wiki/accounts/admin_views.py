"""Agency administration of accounts: invite, deactivate, reactivate, reset a password."""

import logging
from functools import partial

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.accounts import operations, queries
from wiki.accounts.forms import InviteForm
from wiki.accounts.models import User
from wiki.accounts.tokens import INVITE, account_fingerprint, make_token
from wiki.audit import queries as audit_queries
from wiki.committees import queries as committee_queries
from wiki.committees.actors import current_actor
from wiki.errors import Conflict, NotAllowed
from wiki.http import unit_of_work
from wiki.http.errors import translate_error
from wiki.http.links import public_url
from wiki.http.numbers import page_argument
from wiki.i18n import N_
from wiki.mail import send_message

log = logging.getLogger(__name__)

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _only_admins():
    if not permissions.can_administer(current_actor()):
        raise NotAllowed(N_("Only agency administrators can use the administration pages."))


@bp.route("")
def dashboard():
    return render_template(
        "admin/dashboard.html",
        counts=queries.account_counts(),
        committees=committee_queries.listing(),
        archived=committee_queries.listing(archived=True),
        recent=audit_queries.entries_page(page=1, per_page=10, count=False),
    )


@bp.route("/users")
def users():
    page = queries.users_page(
        search=request.args.get("q", ""),
        state=request.args.get("state", ""),
        page=page_argument(),
    )
    return render_template("admin/users.html", page=page, state_of=queries.account_state)


def invite_link(user: User) -> str:
    """A link that lets the person choose a password; it dies once used or after the max age."""
    token = make_token(
        INVITE,
        current_app.config["SECRET_KEY"],
        user.id,
        account_fingerprint(user.password_hash, user.session_token),
    )
    return public_url("accounts.accept_invite", token=token)


def _send_invite(user: User, *, reset: bool):
    """Mail the link, or show it to the administrator when mail is off or fails."""
    link = invite_link(user)
    hours = current_app.config["INVITE_MAX_AGE_HOURS"]
    with force_locale(user.locale):
        subject = (
            _("A new link to set your password") if reset
            else _("You are invited to the Competency Standards Wiki")
        )
        body = render_template("accounts/mail_invite.txt", user=user, link=link, hours=hours,
                               reset=reset)
    try:
        sent = send_message(user.email, subject, body)
    except OSError:
        log.exception("Could not send the invitation to user %s", user.id)
        sent, failed = False, True
    else:
        failed = False
    if sent:
        flash(_("We sent the link to %(email)s.", email=user.email), "success")
        return redirect(url_for("admin.user", user_id=user.id))
    return render_template(
        "admin/invite_link.html", user=user, link=link, hours=hours, failed=failed, reset=reset
    )


@bp.route("/users/invite", methods=["GET", "POST"])
def invite():
    form = InviteForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.invite_user(
            current_actor(),
            email=form.email.data,
            display_name=form.display_name.data,
            stakeholder_group=form.stakeholder_group.data,
            is_admin=form.is_admin.data,
            locale=form.locale.data,
        ),
        field="display_name",
    )
    if not outcome.committed:
        existing = isinstance(outcome.error, Conflict)
        return render_template("admin/invite.html", form=form, existing=existing), outcome.status
    return _send_invite(outcome.result, reset=False)


@bp.route("/users/<int:user_id>")
def user(user_id: int):
    person = queries.get_user(user_id)
    return render_template(
        "admin/user.html",
        person=person,
        state=queries.account_state(person),
        seats=committee_queries.seats_of(person.id),
        history=audit_queries.entries_page(
            subject_user_id=person.id, page=1, per_page=50, count=False
        ),
    )


def _refused(user_id: int, error: Conflict):
    """A refused account operation comes back as a message on the user's page."""
    flash(translate_error(error), "error")
    return redirect(url_for("admin.user", user_id=user_id))


def _account_action(user_id: int, operation, message):
    """Run an account operation and say so on the user's page."""
    try:
        person = unit_of_work.run(lambda: operation(current_actor(), user_id))
    except Conflict as error:
        return _refused(user_id, error)
    flash(message(person.display_name), "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
def deactivate(user_id: int):
    return _account_action(
        user_id,
        partial(operations.set_account_active, active=False),
        lambda name: _("The account of %(name)s was deactivated and its sessions ended.",
                       name=name),
    )


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
def reactivate(user_id: int):
    return _account_action(
        user_id,
        partial(operations.set_account_active, active=True),
        lambda name: _("The account of %(name)s was reactivated.", name=name),
    )


@bp.route("/users/<int:user_id>/reset", methods=["POST"])
def reset(user_id: int):
    try:
        person = unit_of_work.run(lambda: operations.reset_password(current_actor(), user_id))
    except Conflict as error:
        return _refused(user_id, error)
    return _send_invite(person, reset=True)
