"""Words for what the audit log records: its actions ("ballot.position_cast"), the fields its
entries name ("min_approvals") and the kinds of row they are about, in the reader's language.

One table for every page that shows the log: the administrators' and chairs' change log
(``wiki.audit.views``) and a standard's activity (``wiki.publication.activity``). The actions
come from every domain, and the log sits below them all, so the words live here with the pages;
``tests/unit/test_audit_labels.py`` checks that every action and field the code records has one.
"""

import datetime as dt

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l

from wiki.i18n import label_in

ACTION_LABELS = {
    "account.created": _l("Account created"),
    "account.invited": _l("Invitation issued"),
    "account.registered": _l("Public account registered"),
    "account.confirmed": _l("Email address confirmed"),
    "account.deactivated": _l("Account deactivated"),
    "account.reactivated": _l("Account reactivated"),
    "account.password_reset": _l("Password reset, new invitation issued"),
    "account.password_changed": _l("Password changed"),
    "account.password_reset_by_link": _l("New password chosen through an emailed link"),
    "account.profile_changed": _l("Name or language changed"),
    "account.two_factor_enabled": _l("Two-step verification turned on"),
    "account.two_factor_disabled": _l("Two-step verification turned off"),
    "account.two_factor_reset": _l("Two-step verification turned off by the operators"),
    "account.recovery_codes_generated": _l("New recovery codes made"),
    "account.recovery_code_used": _l("Signed in with a recovery code"),
    "committee.created": _l("Committee created"),
    "committee.renamed": _l("Committee renamed"),
    "committee.updated": _l("Committee details changed"),
    "committee.archived": _l("Committee archived"),
    "committee.restored": _l("Committee restored"),
    "committee.consensus_rule_changed": _l("Consensus rule changed"),
    "membership.added": _l("Member added"),
    "membership.changed": _l("Seat changed"),
    "membership.removed": _l("Member removed"),
    "standard.created": _l("Standard created"),
    "standard.metadata_changed": _l("Standard details changed"),
    "consultation.opened": _l("Public consultation opened"),
    "consultation.closed": _l("Public consultation closed"),
    "thread.resolved": _l("Discussion resolved"),
    "thread.reopened": _l("Discussion reopened"),
    "thread.disposition_recorded": _l("Disposition recorded"),
    "comment.deleted": _l("Comment deleted by its author"),
    "comment.hidden": _l("Comment hidden"),
    "ballot.opened": _l("Ballot opened"),
    "ballot.position_cast": _l("Position cast"),
    "ballot.passed": _l("Ballot passed"),
    "ballot.failed": _l("Ballot failed"),
    "ballot.cancelled": _l("Ballot cancelled"),
    "ballot.stale": _l("Ballot became stale"),
    "edition.published": _l("Edition published"),
    "edition.superseded": _l("Edition superseded"),
    "edition.withdrawn": _l("Edition withdrawn"),
    "edition.official_act_changed": _l("Official act corrected"),
    "edition.review_due": _l("Edition due for review"),
    "publication.requested": _l("Publication requested"),
    "publication.sent_back": _l("Publication request sent back"),
}

FIELD_LABELS = {
    # people and accounts
    "user_id": _l("Person"),
    "author": _l("Author"),
    "email": _l("Email"),
    "display_name": _l("Display name"),
    "locale": _l("Language"),
    "is_admin": _l("Administrator"),
    "public": _l("Public account"),
    "active": _l("Active"),
    "password_set": _l("Password set"),
    "two_factor": _l("Two-step verification"),
    "recovery_codes": _l("Recovery codes"),
    "recovery_codes_left": _l("Recovery codes left"),
    # committees and seats
    "name": _l("Name"),
    "slug": _l("Web address"),
    "sector": _l("Sector"),
    "description": _l("Description"),
    "archived_at": _l("Archived"),
    "role": _l("Role"),
    "can_vote": _l("Vote"),
    "group": _l("Stakeholder group"),
    "preset": _l("Rule"),
    # the consensus rule
    "min_approvals": _l("Approvals needed overall"),
    "group_min_approvals": _l("Approvals needed from each group"),
    "group_min_share": _l("Share of each group that must approve"),
    "max_open_objections": _l("Objections that may stay open"),
    "majority": _l("More than half must approve"),
    "supermajority": _l("Share of votes that must approve"),
    "max_negative_share": _l("Largest share of votes against"),
    "authors_may_approve": _l("Authors' approvals count"),
    # standards and their details
    "title": _l("Title"),
    "language": _l("Language of the text"),
    "level": _l("Competency level"),
    "review_period_years": _l("Review period"),
    "certificate_validity_years": _l("Certificate validity"),
    "occupations": _l("Related occupations"),
    "industry_code": _l("Industry classification"),
    "organisations": _l("Participating organisations"),
    "standard": _l("Standard"),
    "status": _l("Status"),
    "revision": _l("Revision"),
    "new_revision": _l("New revision"),
    # consultations and discussions
    "opens_at": _l("Opens"),
    "closes_at": _l("Closes"),
    "thread": _l("Discussion"),
    "disposition": _l("Disposition"),
    "reply": _l("Reply"),
    # ballots
    "ballot": _l("Ballot"),
    "position": _l("Position"),
    "reason": _l("Reason"),
    "unmet": _l("Conditions not met"),
    # editions and their official act
    "edition": _l("Edition"),
    "by": _l("Superseded by"),
    "due_on": _l("Due for review on"),
    "approving_body": _l("Approving body"),
    "resolution_number": _l("Resolution number"),
    "approved_on": _l("Approval date"),
    "gazette_published_on": _l("Gazette publication date"),
    "gazette_url": _l("Gazette link"),
}

#: what an entry is about: the row's class name in lower case (``record_change``)
SUBJECT_LABELS = {
    "user": _l("Account"),
    "committee": _l("Committee"),
    "standard": _l("Standard"),
    "consultation": _l("Public consultation"),
    "thread": _l("Discussion"),
    "comment": _l("Comment"),
    "ballot": _l("Ballot"),
    "edition": _l("Edition"),
    "publicationrequest": _l("Publication request"),
}

#: fields whose values are domain values with words of their own (statuses, positions, roles)
LABELLED_VALUES = frozenset(
    {"status", "standard", "ballot", "position", "disposition", "role", "group"}
)

#: fields holding a moment or a day, stored as ISO text; shown in the agency's time zone
MOMENT_FIELDS = frozenset({"opens_at", "closes_at", "archived_at"})
DAY_FIELDS = frozenset({"due_on", "approved_on", "gazette_published_on"})


def action_label(action: str) -> str:
    """The words for an action; an action without any shows as its dotted name."""
    return label_in(ACTION_LABELS, action)


def field_label(name: str) -> str:
    """The words for a field an entry names; a field without any shows as its name."""
    return label_in(FIELD_LABELS, name)


def subject_label(subject_type: str) -> str:
    """The words for the kind of row an entry is about ("ballot": "Ballot")."""
    return label_in(SUBJECT_LABELS, subject_type)


def when_in_words(name: str, value) -> str:
    """A moment or a day an entry records, as the reader writes dates; other text unchanged."""
    if not isinstance(value, str):
        return value
    try:
        if name in MOMENT_FIELDS:
            return format_datetime(dt.datetime.fromisoformat(value), "short")
        if name in DAY_FIELDS:
            return format_date(dt.date.fromisoformat(value), "medium")
    except ValueError:
        pass
    return value
