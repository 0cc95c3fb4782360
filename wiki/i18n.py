"""Marking user-facing messages for translation outside a request.

Domain code raises errors whose messages are msgids marked with ``N_`` (extracted
by Babel, translated when shown: ``wiki.http.errors.translate_error``), so rules and
operations stay free of Flask.
"""


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message
