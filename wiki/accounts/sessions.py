"""Signed-in sessions: what the session and remember-me cookies hold, and when they end.

Flask-Login keeps ``"<user id>:<session token>:<signed-in time>"`` in the session and makes
the remember-me cookie from it, so both carry the moment of logging in, signed with the
secret key. Rotating the user's session token (logout, password change, deactivation) ends
both; ``wiki.accounts.session_limits`` decides when time ends them.
"""

import secrets
import time
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_user, logout_user, user_loaded_from_cookie

from wiki.accounts import operations
from wiki.accounts.models import User
from wiki.accounts.session_limits import Expiry, SessionLimits, expiry, needs_new_seen_at
from wiki.extensions import db
from wiki.http import unit_of_work
from wiki.http.form_input import same_site_path, sent_texts

#: where Flask-Login keeps the id the user loader reads (and the remember cookie is made of)
USER_ID = "_user_id"
SEEN_AT = "seen_at"
REMEMBERED = "remembered"


def clock() -> float:
    """Seconds since the epoch; the session tests replace it to move time on."""
    return time.time()


def start_session(user: User, remember: bool) -> None:
    """Log the user in on a fresh session (nothing planted before it survives)."""
    session.clear()
    login_user(user, remember=remember)
    now = int(clock())
    session[USER_ID] = f"{user.id}:{user.session_token}:{now}"
    session[SEEN_AT] = now
    session[REMEMBERED] = remember
    unit_of_work.run(lambda: operations.record_login(user))


def _parse(session_id: str) -> tuple[int, str, int] | None:
    user_id, token, signed_in_at = [*session_id.split(":"), "", ""][:3]
    if not (user_id.isdigit() and token and signed_in_at.isdigit()):
        return None
    return int(user_id), token, int(signed_in_at)


def load_user(session_id: str) -> User | None:
    """Flask-Login's user loader, for the session and for a remember-me cookie alike.

    Refuses an id older than the longest a session may last: a remember-me cookie keeps no
    clock of its own that the server could trust but this one.
    """
    parsed = _parse(session_id)
    if parsed is None:
        return None
    user_id, token, signed_in_at = parsed
    longest = SessionLimits.from_settings(current_app.config).remembered
    if clock() - signed_in_at >= longest.total_seconds():
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def _restored_from_cookie(_app, user: User) -> None:
    session[REMEMBERED] = True
    session[SEEN_AT] = int(clock())


def end_expired_session():
    """Before every request: log out a session past its idle time or its lifetime.

    Otherwise note the request's time as last seen (about once a minute, not every request).
    """
    # ``in`` does not mark the session read, so anonymous pages keep their caching.
    if USER_ID not in session or request.endpoint == "static":
        return None
    parsed = _parse(session[USER_ID])
    now = clock()
    why = Expiry.LIFETIME if parsed is None else expiry(
        SessionLimits.from_settings(current_app.config),
        signed_in_at=parsed[2],
        seen_at=session.get(SEEN_AT, 0),
        remembered=session.get(REMEMBERED, False),
        now=now,
    )
    if why is None:
        if needs_new_seen_at(session.get(SEEN_AT, 0), now):
            session[SEEN_AT] = int(now)
        return None
    session.clear()
    logout_user()  # after clear(): it leaves the note that deletes the remember cookie
    if why == Expiry.IDLE:
        message = ngettext(
            "You were logged out after %(num)d minute without activity. Please log in again.",
            "You were logged out after %(num)d minutes without activity. Please log in again.",
            current_app.config["SESSION_IDLE_MINUTES"],
        )
    else:
        message = _("Your session has ended. Please log in again.")
    if request.method == "GET":
        flash(message, "info")
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    # A form sent after the end is not applied; its typed texts are shown back (never a
    # password or the token), so nothing is lost.
    page = render_template(
        "accounts/session_ended.html",
        message=message,
        sent=sent_texts(),
        next_path=same_site_path(urlsplit(request.referrer or "").path) or None,
    )
    return page, 401


def init_sessions(app) -> None:
    """Connect the loader, the cookie-restore note and the expiry check to the app."""
    from wiki.extensions import login_manager

    login_manager.user_loader(load_user)
    user_loaded_from_cookie.connect(_restored_from_cookie, app)
    app.before_request(end_expired_session)
