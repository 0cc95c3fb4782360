"""The answer while the database cannot be reached: a styled 503 that needs no database.

Any page may meet the outage first (loading the signed-in user, a query, the commit), so the
error handlers send every ``DATABASE_UNAVAILABLE`` error here. The page is rendered as for an
anonymous visitor, so neither the user nor their seats nor their notifications are read; a
refused form gets back the text it sent, so nothing typed is lost. Once the database answers
again the next request simply works: the pool pings a connection before handing it out
(``pool_pre_ping``) and replaces the ones the outage broke.
"""

import logging
from contextlib import suppress

from flask import current_app, g, jsonify, make_response, render_template, request
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError

from wiki.extensions import db
from wiki.http.form_input import sent_texts

log = logging.getLogger(__name__)

#: what SQLAlchemy raises when the database is down, unreachable, or locked past the timeout
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, DisconnectionError)
#: how long a client is asked to wait before trying again
RETRY_AFTER_SECONDS = 30


def unavailable_response(error: Exception):
    """503 with Retry-After; for a form, the page shows the text that was sent."""
    log.warning("The database is unavailable, answering 503: %s", _reason(error))
    _render_without_database()
    if request.path.startswith("/api/"):
        body = jsonify({"error": {"status": 503, "message": "database unavailable"}})
    else:
        body = render_template(
            "errors/unavailable.html", status=503, sent=sent_texts(), database_unavailable=True
        )
    response = make_response(body, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _reason(error: Exception) -> str:
    cause = getattr(error, "orig", None) or error
    return f"{type(cause).__name__}: {str(cause).strip().splitlines()[0] if str(cause) else ''}"


def _render_without_database() -> None:
    """Forget what this request read, and render as for an anonymous visitor."""
    with suppress(SQLAlchemyError):  # the connection is gone; the pool discards it
        db.session.rollback()
    # Flask-Login keeps the request's user here; the loaded one would refresh from the database.
    # Without it the actor, rebuilt from the user, is the anonymous one too.
    g._login_user = current_app.login_manager.anonymous_user()
    g.pop("actor", None)


def end_session(exception: BaseException | None = None) -> None:
    """Close the request's session ahead of Flask-SQLAlchemy's own teardown.

    When the database goes away after a page was made, closing rolls back on a dead
    connection and raises, which would turn the finished page into a 500. The broken
    connection is already discarded; forget the session too, so no later request gets it.
    """
    try:
        db.session.remove()
    except DATABASE_UNAVAILABLE as error:
        log.warning("The database went away before the end of a request: %s", _reason(error))
        db.session.registry.clear()
