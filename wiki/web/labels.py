"""Words for values, in the reader's language: what templates call as ``label(value)``.

Each domain keeps the words for its own values (``wiki.<domain>.labels``); this module, at the
top with the templates, puts the tables together. Values that two domains share ("open",
"withdrawn") have the same word in both, as ``tests/unit/test_labels.py`` checks.
"""

from flask_babel import lazy_gettext as _l

from wiki.accounts.labels import GROUP_LABELS
from wiki.ballots.labels import BALLOT_LABELS
from wiki.comments.labels import COMMENT_LABELS
from wiki.committees.labels import ROLE_LABELS
from wiki.consultations.labels import CONSULTATION_LABELS
from wiki.i18n import label_in
from wiki.publication.labels import EDITION_LABELS, REQUEST_LABELS
from wiki.standards.labels import MISSING_PARTS, STANDARD_LABELS, STRUCTURE_WARNINGS

#: every domain's table, in the order they are merged
DOMAIN_LABELS = (
    STANDARD_LABELS,
    EDITION_LABELS,
    REQUEST_LABELS,
    BALLOT_LABELS,
    ROLE_LABELS,
    GROUP_LABELS,
    COMMENT_LABELS,
    CONSULTATION_LABELS,
)

LABELS = {value: words for table in DOMAIN_LABELS for value, words in table.items()}


def label(value) -> str:
    """The translated word for an enum member (or its raw value when none is defined)."""
    return label_in(LABELS, value)


def structure_warning(warning) -> str:
    """A parser warning in words: what is wrong, the line, and the text concerned."""
    what = STRUCTURE_WARNINGS.get(warning.code)
    text = str(what) if what is not None else warning.code
    where = str(_l("line %(line)d", line=warning.line)) if warning.line else ""
    detail = f" “{warning.detail}”" if warning.detail else ""
    return f"{text} ({where}){detail}" if where else f"{text}{detail}"


def missing_part(code: str) -> str:
    """A required part the template check found missing, in words."""
    words = MISSING_PARTS.get(code)
    return str(words) if words is not None else code
