"""Words for a member's role on a committee, in the reader's language."""

from flask_babel import lazy_gettext as _l

from wiki.roles import Role

ROLE_LABELS = {
    Role.CHAIR: _l("Chair"),
    Role.MEMBER: _l("Member"),
    Role.OBSERVER: _l("Observer"),
}
