"""Checks on raw form input that WTForms cannot make once the form is decoded."""

from urllib.parse import unquote_to_bytes

from flask import g, request
from wtforms.validators import StopValidation

from wiki.http.numbers import database_integer


def check_form_encoding() -> None:
    """Before any form parsing: note url-encoded fields whose bytes are not valid UTF-8.

    Werkzeug keeps undecodable percent-escapes as literal text, which would store a
    corrupted standard without a word. Registered ahead of CSRF protection, which
    parses the form; the body is cached, so parsing it later costs nothing extra.
    """
    g.invalid_utf8_fields = []
    if request.method != "POST" or request.mimetype != "application/x-www-form-urlencoded":
        return
    for pair in request.get_data(cache=True).split(b"&"):
        name, _, value = pair.partition(b"=")
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            g.invalid_utf8_fields.append(unquote_to_bytes(name).decode("utf-8", "replace"))


def invalid_utf8_fields() -> list[str]:
    """Names of this request's form fields that were not valid UTF-8."""
    return g.get("invalid_utf8_fields", [])


class ValidUtf8:
    """A field validator: refuses the field when its bytes were not valid UTF-8."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field) -> None:
        if field.name in invalid_utf8_fields():
            raise StopValidation(self.message)


def whole_number(value) -> int | None:
    """A hidden field's number as the page sent it, or None if it was lost or tampered with."""
    try:
        return database_integer(value)
    except (TypeError, ValueError):
        return None
