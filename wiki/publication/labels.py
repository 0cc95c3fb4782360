"""Words for the status of a published edition and of a publication request, in the reader's
language."""

from flask_babel import lazy_gettext as _l

from wiki.publication.lifecycle import EditionStatus, RequestStatus

EDITION_LABELS = {
    EditionStatus.CURRENT: _l("Current"),
    EditionStatus.SUPERSEDED: _l("Superseded"),
    # The same value and the same word as StandardStatus.WITHDRAWN.
    EditionStatus.WITHDRAWN: _l("Withdrawn"),
}

REQUEST_LABELS = {
    RequestStatus.REQUESTED: _l("Requested"),
    RequestStatus.SENT_BACK: _l("Sent back"),
    # The same value and the same word as StandardStatus.PUBLISHED.
    RequestStatus.PUBLISHED: _l("Published"),
}
