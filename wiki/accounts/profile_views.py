"""Profiles: what a person sits on and has recently done; one's own name and language."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from wiki import permissions
from wiki.accounts import operations, queries
from wiki.accounts.forms import AccountForm
from wiki.ballots import queries as ballot_queries
from wiki.committees import queries as committee_queries
from wiki.committees.actors import current_actor
from wiki.errors import NotFound
from wiki.http import unit_of_work
from wiki.i18n import N_
from wiki.standards import queries as standard_queries

bp = Blueprint("profiles", __name__)


@bp.route("/users/<int:user_id>")
@login_required
def show(user_id: int):
    actor = current_actor()
    person = queries.get_user(user_id)
    if not permissions.can_view_profile(actor, person.id, user_is_public=person.is_public):
        raise NotFound(N_("No such user."))
    seats = [m for m in committee_queries.seats_of(person.id) if not m.committee.is_archived]
    return render_template(
        "accounts/profile.html",
        person=person,
        seats=seats,
        revisions=standard_queries.revisions_by(actor, person.id),
        votes=ballot_queries.votes_by(actor, person.id),
    )


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    user = current_user._get_current_object()
    form = AccountForm(obj=user)
    outcome = unit_of_work.submit(
        form,
        lambda: operations.update_profile(
            current_actor(), user.id, display_name=form.display_name.data, locale=form.locale.data
        ),
        field="display_name",
    )
    if not outcome.committed:
        return render_template("accounts/account.html", form=form), outcome.status
    flash(_("Your account was saved."), "success")
    return redirect(url_for("profiles.account"))
