"""Words for the status of a published edition, in the reader's language."""

from flask_babel import lazy_gettext as _l

from wiki.publication.lifecycle import EditionStatus

EDITION_LABELS = {
    EditionStatus.CURRENT: _l("Current"),
    EditionStatus.SUPERSEDED: _l("Superseded"),
    # The same value and the same word as StandardStatus.WITHDRAWN.
    EditionStatus.WITHDRAWN: _l("Withdrawn"),
}
