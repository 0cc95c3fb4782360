"""Turning domain errors and HTTP errors into pages (or JSON under /api/)."""

from contextlib import suppress

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from wiki.errors import DomainError, RateLimited, status_for
from wiki.extensions import db
from wiki.http.unavailable import DATABASE_UNAVAILABLE, end_session, unavailable_response


def translate_error(error: DomainError) -> str:
    """The error's message in the request's language, with its details filled in."""
    return gettext(error.message, **error.details) if error.message else ""


def retry_after_headers(error: DomainError | None) -> dict[str, str]:
    """``{"Retry-After": seconds}`` for a refusal by a rate limit, else nothing."""
    if isinstance(error, RateLimited):
        return {"Retry-After": str(error.retry_after_seconds)}
    return {}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _render(status: int, message: str = ""):
    if _wants_json():
        body = jsonify({"error": {"status": status, "message": message}})
    else:
        try:
            body = render_template("errors/error.html", status=status, message=message)
        except DATABASE_UNAVAILABLE as error:  # the page reads the signed-in user
            return unavailable_response(error)
    return make_response(body, status)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        response = _render(status_for(error), translate_error(error))
        response.headers.update(retry_after_headers(error))
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        description = "" if error.code in (404, 500) else (error.description or "")
        response = _render(error.code, description)
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    for unavailable in DATABASE_UNAVAILABLE:
        app.register_error_handler(unavailable, unavailable_response)
    # Teardowns run last-registered first: this one before Flask-SQLAlchemy's (db.init_app).
    app.teardown_appcontext(end_session)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        if isinstance(error.original_exception, DATABASE_UNAVAILABLE):
            # raised while another error's page was being made
            return unavailable_response(error.original_exception)
        with suppress(SQLAlchemyError):
            db.session.rollback()
        return _render(500)
