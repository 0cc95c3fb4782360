"""Reading the audit log: pages of entries, newest first, and the ids of what they name."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wiki.audit.models import AuditEntry
from wiki.pagination import Page, paginate


def entries_page(
    *,
    committee_id: int | None = None,
    subject_user_id: int | None = None,
    action_prefix: str = "",
    page: int = 1,
    per_page: int = 50,
    count: bool = True,
) -> Page:
    """One page of entries, newest first, optionally about one committee or one user.

    ``count=False`` skips counting the whole log, for lists that show no page links.
    """
    query = select(AuditEntry).options(joinedload(AuditEntry.actor)).order_by(
        AuditEntry.created_at.desc(), AuditEntry.id.desc()
    )
    if committee_id is not None:
        query = query.where(AuditEntry.committee_id == committee_id)
    if subject_user_id is not None:
        query = query.where(
            AuditEntry.subject_type == "user", AuditEntry.subject_id == subject_user_id
        )
    if action_prefix:
        query = query.where(AuditEntry.action.startswith(action_prefix, autoescape=True))
    return paginate(query, page=page, per_page=per_page, count=count)


def mentioned_ids(entries) -> tuple[set[int], set[int]]:
    """The ids of the users and of the committees the entries name."""
    user_ids, committee_ids = set(), set()
    for entry in entries:
        if entry.subject_type == "user" and entry.subject_id:
            user_ids.add(entry.subject_id)
        for values in (entry.before or {}, entry.after or {}):
            if isinstance(values.get("user_id"), int):
                user_ids.add(values["user_id"])
        if entry.committee_id:
            committee_ids.add(entry.committee_id)
    return user_ids, committee_ids
