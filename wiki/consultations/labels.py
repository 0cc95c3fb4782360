"""Words for where a consultation's comment window stands, in the reader's language."""

from flask_babel import lazy_gettext as _l

from wiki.consultations.windows import WindowState

CONSULTATION_LABELS = {
    WindowState.SCHEDULED: _l("Scheduled"),
    WindowState.OPEN: _l("Open"),
    WindowState.ENDED: _l("Ended, not yet closed"),
    WindowState.CLOSED: _l("Closed"),
}
