"""Checks on raw form input that WTForms cannot make after decoding."""

from urllib.parse import unquote_to_bytes

from flask import Request


def invalid_utf8_fields(request: Request) -> list[str]:
    """Names of url-encoded form fields whose bytes are not valid UTF-8.

    Werkzeug decodes with replacement characters, which would silently corrupt a
    standard's text; the raw body is checked instead.
    """
    if request.mimetype != "application/x-www-form-urlencoded":
        return []
    bad = []
    for pair in request.get_data(cache=True).split(b"&"):
        name, _, value = pair.partition(b"=")
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            bad.append(unquote_to_bytes(name).decode("utf-8", "replace"))
    return bad
