"""Standard codes: ``EC`` and four digits (``EC0217``), editions with two more (``EC0217.01``)."""

import re

from wiki.errors import InvalidInput
from wiki.i18n import N_

MAX_NUMBER = 9999
MAX_EDITION = 99

# [0-9], not \d: \d also matches other scripts' digits, which int() would happily accept.
_CODE = re.compile(r"EC([0-9]{4})(?:\.([0-9]{2}))?")


def format_code(number: int) -> str:
    """The code of standard ``number``, e.g. 217 -> ``"EC0217"``."""
    _check("number", number, MAX_NUMBER)
    return f"EC{number:04d}"


def format_edition_code(number: int, edition: int) -> str:
    """The code of an edition, e.g. (217, 1) -> ``"EC0217.01"``."""
    _check("edition", edition, MAX_EDITION)
    return f"{format_code(number)}.{edition:02d}"


def parse_code(text: str) -> tuple[int, int | None]:
    """``(number, edition or None)`` from ``"EC0217"`` or ``"EC0217.01"``; raises ``InvalidInput``.

    Surrounding spaces and a lower-case ``ec`` are forgiven; nothing else is.
    """
    match = _CODE.fullmatch(text.strip().upper()) if isinstance(text, str) else None
    if match is None:
        raise InvalidInput(
            N_(
                "“%(code)s” is not a standard code: a code is EC and four digits, "
                "for example EC0217 or EC0217.01."
            ),
            code=text if isinstance(text, str) else repr(text),
        )
    number = int(match[1])
    edition = None if match[2] is None else int(match[2])
    if number == 0:
        raise InvalidInput(N_("Standard codes start at EC0001."))
    if edition == 0:
        raise InvalidInput(N_("Editions start at .01."))
    return number, edition


def _check(name: str, value: int, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise InvalidInput(f"A standard's {name} must be a whole number from 1 to {maximum}.")
