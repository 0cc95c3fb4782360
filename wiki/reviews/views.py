"""The list of editions due for review, for their committees' members and for admins."""

import datetime as dt

from flask import Blueprint, render_template
from flask_login import login_required

from wiki import permissions
from wiki.committees.actors import current_actor
from wiki.errors import NotAllowed
from wiki.i18n import N_
from wiki.reviews.queries import due_on, editions_due_for

bp = Blueprint("reviews", __name__)


@bp.route("/reviews")
@login_required
def due():
    actor = current_actor()
    if not permissions.can_view_reviews_due(actor):
        raise NotAllowed(N_("Only committee members and administrators see reviews due."))
    today = dt.datetime.now(dt.UTC).date()
    return render_template(
        "reviews/due.html", due=editions_due_for(actor, today), today=today, everyone=actor.is_admin
    )


@bp.app_template_global()
def edition_review_due(edition) -> dt.date:
    """The date from which an edition is due for review, for the registry page."""
    return due_on(edition)
