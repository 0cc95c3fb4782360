"""A standard's activity page: its audit entries, in plain words (here, not in standards: it
names editions and ballot positions, and drafting code never imports publication).

Members of the committee (and admins) see every entry; everyone else sees only the public acts
of a published standard: editions published, superseded and withdrawn. A standard never
published is invisible to them (404), like its drafts.
"""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wiki import permissions
from wiki.audit.models import AuditEntry
from wiki.committees.actors import current_actor
from wiki.errors import NotFound
from wiki.http.numbers import page_argument
from wiki.i18n import N_
from wiki.pagination import paginate
from wiki.standards import queries
from wiki.web.audit_labels import action_label, field_label
from wiki.web.labels import label

bp = Blueprint("activity", __name__)

#: entries anyone may read about a published standard
PUBLIC_ACTIONS = ("edition.published", "edition.superseded", "edition.withdrawn")
ENTRIES_PER_PAGE = 100


def _fields_in_words(names) -> str:
    """"competency level, review period": the fields' words, as a list inside a sentence."""
    words = (field_label(name) for name in sorted(names))
    return ", ".join(word[:1].lower() + word[1:] for word in words)


def describe(entry: AuditEntry) -> str:
    """What happened, as a sentence; other actions in the words of the audit labels."""
    before, after = entry.before or {}, entry.after or {}
    revision = after.get("revision") or before.get("revision")
    code = after.get("edition") or before.get("edition") or ""
    action = entry.action
    if action == "standard.created":
        return _("Created the standard.")
    if action == "standard.metadata_changed":
        return _("Changed the details: %(fields)s.", fields=_fields_in_words(after))
    if action == "ballot.opened":
        return _("Opened a ballot on revision %(number)s.", number=revision)
    if action == "ballot.position_cast":
        position = label(after.get("position"))
        if before.get("position"):
            return _(
                "Changed position from %(old)s to %(new)s.",
                old=label(before["position"]),
                new=position,
            )
        return _("Voted: %(position)s.", position=position)
    if action == "ballot.passed":
        return _("The ballot on revision %(number)s passed.", number=revision)
    if action == "ballot.failed":
        return _("The ballot on revision %(number)s closed without consensus.", number=revision)
    if action == "ballot.cancelled":
        return _("Cancelled the ballot on revision %(number)s.", number=revision)
    if action == "ballot.stale":
        return _(
            "The ballot on revision %(number)s became stale: revision %(new)s was saved.",
            number=revision,
            new=after.get("new_revision", "?"),
        )
    if action == "edition.published":
        return _("Published edition %(code)s.", code=code)
    if action == "edition.superseded":
        return _("Edition %(code)s was superseded by %(by)s.", code=code, by=after.get("by", ""))
    if action == "edition.withdrawn":
        return _("Withdrew edition %(code)s.", code=code)
    if action == "edition.official_act_changed":
        fields = _fields_in_words(k for k in after if k != "edition")
        return _("Corrected the official act of %(code)s: %(fields)s.", code=code, fields=fields)
    if action == "publication.requested":
        return _("Asked the agency to publish revision %(number)s.", number=revision)
    if action == "publication.sent_back":
        return _("Sent back the request to publish revision %(number)s.", number=revision)
    if action == "edition.review_due":
        return _(
            "Edition %(code)s is due for review since %(date)s; the committee was notified.",
            code=code,
            date=after.get("due_on", ""),
        )
    return action_label(action)


def transition(entry: AuditEntry) -> tuple[str, str]:
    """The status (or position) before and after, as words; empty when the entry has none."""
    before, after = entry.before or {}, entry.after or {}
    key = "position" if entry.action == "ballot.position_cast" else "status"
    old, new = before.get(key), after.get(key)
    return (label(old) if old else "", label(new) if new else "")


@bp.route("/standards/<int:standard_id>/activity")
def index(standard_id: int):
    actor = current_actor()
    standard = queries.get_standard(standard_id)
    full = permissions.can_read_drafts(actor, standard.committee_id)
    if not full and standard.current_edition_id is None:
        raise NotFound(N_("No such standard."))
    query = (
        select(AuditEntry)
        .options(joinedload(AuditEntry.actor))
        .where(AuditEntry.standard_id == standard.id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
    if not full:
        query = query.where(AuditEntry.action.in_(PUBLIC_ACTIONS))
    page = paginate(query, page=page_argument(), per_page=ENTRIES_PER_PAGE)
    return render_template(
        "publication/activity.html",
        standard=standard,
        page=page,
        full=full,
        describe=describe,
        transition=transition,
    )
