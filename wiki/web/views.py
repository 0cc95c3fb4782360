"""Pages that belong to no domain: home and the health check."""

from flask import Blueprint, jsonify, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from wiki import permissions
from wiki.committees.actors import current_actor
from wiki.extensions import db
from wiki.http import unit_of_work
from wiki.publication import queries as edition_queries
from wiki.standards import queries

bp = Blueprint("web", __name__)

#: editions in force (and withdrawn ones) the home page lists; the registry has them all
HOME_LIMIT = 25


@bp.route("/")
def home():
    actor = current_actor()
    drafts = queries.drafts_of_committees(actor) if actor.is_authenticated else []
    return render_template(
        "web/home.html",
        drafts=drafts,
        published=edition_queries.current_editions(limit=HOME_LIMIT),
        withdrawn=edition_queries.withdrawn_editions(limit=HOME_LIMIT),
        can_create=any(permissions.can_edit_drafts(actor, c) for c in actor.committee_ids),
    )


@bp.route("/healthz")
def healthz():
    """200 after a real database round trip; 503 with the reason when the database is down."""
    try:
        unit_of_work.run(lambda: db.session.execute(text("SELECT 1")).scalar_one())
    except SQLAlchemyError as exc:
        reason = type(exc.orig or exc).__name__ if hasattr(exc, "orig") else type(exc).__name__
        return jsonify({"status": "unavailable", "reason": f"database: {reason}"}), 503
    return jsonify({"status": "ok"})
