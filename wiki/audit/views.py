"""The audit log, for administrators (all of it) and chairs (their committee's part)."""

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from wiki import permissions
from wiki.accounts import queries as account_queries
from wiki.audit import queries
from wiki.committees import queries as committee_queries
from wiki.committees.actors import current_actor
from wiki.errors import NotAllowed
from wiki.http.numbers import page_argument
from wiki.i18n import N_

bp = Blueprint("audit", __name__)

#: words for the actions this log shows most; others appear as their dotted name
ACTION_LABELS = {
    "account.created": _l("Account created"),
    "account.invited": _l("Invitation issued"),
    "account.registered": _l("Public account registered"),
    "account.confirmed": _l("Email address confirmed"),
    "account.deactivated": _l("Account deactivated"),
    "account.reactivated": _l("Account reactivated"),
    "account.password_reset": _l("Password reset, new invitation issued"),
    "account.password_changed": _l("Password changed"),
    "account.profile_changed": _l("Name or language changed"),
    "committee.created": _l("Committee created"),
    "committee.renamed": _l("Committee renamed"),
    "committee.updated": _l("Committee details changed"),
    "committee.archived": _l("Committee archived"),
    "committee.restored": _l("Committee restored"),
    "committee.consensus_rule_changed": _l("Consensus rule changed"),
    "membership.added": _l("Member added"),
    "membership.changed": _l("Seat changed"),
    "membership.removed": _l("Member removed"),
}

#: action filters offered on the administrators' log
FILTERS = (
    ("", _l("Everything")),
    ("account.", _l("Accounts")),
    ("committee.", _l("Committees")),
    ("membership.", _l("Memberships")),
)


def _render(page, **context):
    user_ids, committee_ids = queries.mentioned_ids(page.items)
    return render_template(
        "audit/log.html",
        page=page,
        users=account_queries.users_by_id(user_ids),
        committees=committee_queries.committees_by_id(committee_ids),
        action_labels=ACTION_LABELS,
        **context,
    )


@bp.route("/admin/audit")
@login_required
def index():
    if not permissions.can_administer(current_actor()):
        raise NotAllowed(N_("Only agency administrators can read the whole change log."))
    action = request.args.get("action", "")
    if action not in {prefix for prefix, _ in FILTERS}:
        action = ""
    page = queries.entries_page(action_prefix=action, page=page_argument())
    return _render(page, committee=None, filters=FILTERS, action=action)


@bp.route("/committees/<slug>/audit")
@login_required
def committee(slug: str):
    found = committee_queries.get_committee(slug)
    if not permissions.can_view_committee_audit(current_actor(), found.id):
        raise NotAllowed(
            N_("Only the chair of %(committee)s or an administrator can read its change log."),
            committee=found.name,
        )
    page = queries.entries_page(
        committee_id=found.id, page=page_argument()
    )
    return _render(page, committee=found, filters=(), action="")
