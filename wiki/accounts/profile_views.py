"""Profiles: what a person sits on and has recently done; one's own name and language."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from wiki import permissions
from wiki.accounts import operations, queries
from wiki.accounts.actors import current_actor
from wiki.accounts.forms import AccountForm
from wiki.committees import queries as committee_queries
from wiki.errors import InvalidInput, NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.web.errors import translate_error

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
        revisions=queries.recent_revisions(actor, person.id),
        votes=queries.recent_votes(actor, person.id),
    )


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    user = current_user._get_current_object()
    form = AccountForm(obj=user)
    if form.validate_on_submit():
        try:
            operations.update_profile(
                current_actor(), user.id, display_name=form.display_name.data,
                locale=form.locale.data,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.display_name.errors.append(translate_error(error))
        else:
            db.session.commit()
            flash(_("Your account was saved."), "success")
            return redirect(url_for("profiles.account"))
    return render_template("accounts/account.html", form=form), 400 if form.errors else 200
