"""Writing to the audit log; the only code that inserts ``AuditEntry`` rows."""

from typing import Any

from wiki.audit.models import AuditEntry
from wiki.extensions import db
from wiki.permissions import Actor


def record_change(
    actor: Actor | int | None,
    action: str,
    subject: Any,
    *,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    committee_id: int | None = None,
) -> AuditEntry:
    """Add the entry for a change to ``subject``, a row of any domain (the caller commits).

    ``actor`` is the actor, a user id, or None for a scheduled job. The entry's subject type is
    the row's class name in lower case ("ballot", "edition", "user"), and the committee and
    standard it is filed under come from the row: a committee and a standard are their own, a
    ballot, edition, consultation or thread belongs to its ``standard``, a comment to its
    thread's. An account belongs to neither; ``committee_id`` files a change to someone's seat
    under the committee.
    """
    subject_type = type(subject).__name__.lower()
    own_committee, standard_id = _filed_under(subject_type, subject)
    entry = AuditEntry(
        action=action,
        actor_id=actor if actor is None or isinstance(actor, int) else actor.user_id,
        subject_type=subject_type,
        subject_id=subject.id,
        committee_id=own_committee if committee_id is None else committee_id,
        standard_id=standard_id,
        before=before,
        after=after,
        reason=reason,
    )
    db.session.add(entry)
    return entry


def _filed_under(subject_type: str, subject: Any) -> tuple[int | None, int | None]:
    """The committee and standard a change to ``subject`` belongs to."""
    if subject_type == "committee":
        return subject.id, None
    if subject_type == "standard":
        return subject.committee_id, subject.id
    if subject_type == "comment":
        subject = subject.thread
    standard = getattr(subject, "standard", None)
    if standard is None:
        return None, None
    return standard.committee_id, standard.id
