"""Words for the stakeholder group a person represents, in the reader's language.

Here rather than with committees: an account names its group too (registration, invitations),
and accounts sit below committees.
"""

from flask_babel import lazy_gettext as _l

from wiki.roles import StakeholderGroup

GROUP_LABELS = {
    StakeholderGroup.INDUSTRY: _l("Industry"),
    StakeholderGroup.UNION: _l("Unions"),
    StakeholderGroup.EDUCATION: _l("Education"),
    StakeholderGroup.GOVERNMENT: _l("Government"),
    StakeholderGroup.AGENCY: _l("Agency"),
}
