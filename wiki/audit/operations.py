"""Writing to the audit log; the only code that inserts ``AuditEntry`` rows."""

from wiki.audit.models import AuditEntry
from wiki.extensions import db


def record(
    action: str,
    *,
    actor_id: int | None,
    subject_type: str,
    subject_id: int | None,
    committee_id: int | None = None,
    standard_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Add an audit entry to the session (the caller commits with the change itself)."""
    entry = AuditEntry(
        action=action,
        actor_id=actor_id,
        subject_type=subject_type,
        subject_id=subject_id,
        committee_id=committee_id,
        standard_id=standard_id,
        before=before,
        after=after,
        reason=reason,
    )
    db.session.add(entry)
    return entry
