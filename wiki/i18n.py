"""Marking user-facing messages for translation outside a request.

Domain code raises errors whose messages are msgids marked with ``N_`` (extracted
by Babel, translated when shown: ``wiki.http.errors.translate_error``), so rules and
operations stay free of Flask. Each domain's ``labels`` module holds the words for its values;
``label_in`` reads one of those tables.
"""

from collections.abc import Mapping


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def label_in(labels: Mapping, value) -> str:
    """The translated word ``labels`` gives for an enum value, or the raw value when none is."""
    found = labels.get(value)
    return str(found) if found is not None else str(value)
