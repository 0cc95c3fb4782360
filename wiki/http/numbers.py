"""Whole numbers from the request (ids in the path, ``?page=``, hidden fields), kept within the
range of the database's integer columns.

PostgreSQL's ``integer`` stops at 2**31 - 1 and refuses a larger parameter; SQLite's Python driver
raises ``OverflowError`` above 2**63 - 1. Either way a number typed into an address would reach the
database and answer 500, so a number outside the range is treated as no number at all: an id
matches no route (404), a query argument takes its default.
"""

from flask import request

#: the largest id or number a request may name: PostgreSQL's ``integer``
MAX_INTEGER = 2**31 - 1


def database_integer(value) -> int:
    """``value`` as an int the database can hold; ``ValueError`` if it is none or out of range.

    Usable as ``type=`` of ``request.args.get``, which then gives the default instead.
    """
    number = int(value)
    if not -MAX_INTEGER <= number <= MAX_INTEGER:
        raise ValueError(f"{value!r} is out of range")
    return number


def page_argument() -> int:
    """The ``?page=`` of this request, moved into 1 to ``MAX_INTEGER``; not a number: page 1.

    A page past the last is the listing's to move into range (``pagination.page_numbers``).
    """
    try:
        number = int(request.args.get("page", 1))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_INTEGER)
