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
from wiki.web import audit_labels

bp = Blueprint("audit", __name__)

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
        action_label=audit_labels.action_label,
        field_label=audit_labels.field_label,
        subject_label=audit_labels.subject_label,
        labelled_values=audit_labels.LABELLED_VALUES,
        dated_fields=audit_labels.MOMENT_FIELDS | audit_labels.DAY_FIELDS,
        when_in_words=audit_labels.when_in_words,
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
