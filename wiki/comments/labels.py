"""Words for the state of a discussion and the chair's dispositions, in the reader's language."""

from flask_babel import lazy_gettext as _l

from wiki.comments.dispositions import Disposition, ThreadStatus

COMMENT_LABELS = {
    # "open" is also a ballot's and a consultation window's value, with the same word.
    ThreadStatus.OPEN: _l("Open"),
    ThreadStatus.RESOLVED: _l("Resolved"),
    Disposition.ACCEPTED: _l("Accepted"),
    Disposition.ACCEPTED_IN_PART: _l("Accepted in part"),
    Disposition.REJECTED: _l("Rejected"),
    Disposition.NOTED: _l("Noted"),
}
