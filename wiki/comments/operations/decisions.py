"""Decisions on threads and comments: resolving, reopening, the chair's dispositions, and an
administrator hiding a comment. Each is written to the audit log; the caller commits."""

from wiki import permissions
from wiki.audit.operations import record_change
from wiki.comments.dispositions import ThreadStatus, check_disposition
from wiki.comments.models import Comment, Thread
from wiki.comments.operations.texts import MAX_REASON_CHARS, lock_readable_thread, reply
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor


def hide_comment(actor: Actor, comment_id: int, reason: str) -> Comment:
    """Hide someone's comment from everyone but admins; the reason goes to the audit log."""
    if not permissions.can_hide_comment(actor):
        raise NotAllowed(N_("Only administrators may hide comments."))
    comment = lock_row(Comment, comment_id, N_("No such comment."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(N_("Give the reason for hiding this comment."))
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(
            N_("The reason can be at most %(limit)d characters long."), limit=MAX_REASON_CHARS
        )
    if comment.is_deleted or comment.is_hidden:
        raise Conflict(N_("This comment is already deleted or hidden."))
    comment.hidden_at = utcnow()
    comment.hidden_by_id = actor.user_id
    comment.hidden_reason = reason
    db.session.flush()
    record_change(
        actor, "comment.hidden", comment,
        after={"thread": comment.thread.number, "author": comment.author_id}, reason=reason,
    )
    return comment


def _set_status(actor: Actor, thread_id: int, status: ThreadStatus) -> Thread:
    thread = lock_readable_thread(actor, thread_id)
    if not permissions.can_resolve_thread(
        actor, thread.standard.committee_id, thread_author_id=thread.author_id
    ):
        raise NotAllowed(
            N_("Only the person who started the discussion, or the chair, may do this.")
        )
    if thread.status == status:
        return thread
    before = thread.status
    thread.status = status
    thread.resolved_at = utcnow() if status == ThreadStatus.RESOLVED else None
    thread.resolved_by_id = actor.user_id if status == ThreadStatus.RESOLVED else None
    db.session.flush()
    record_change(
        actor, "thread.resolved" if status == ThreadStatus.RESOLVED else "thread.reopened", thread,
        before={"status": str(before)}, after={"status": str(status)},
    )
    return thread


def resolve_thread(actor: Actor, thread_id: int) -> Thread:
    """Mark a thread as dealt with (its author or the chair)."""
    return _set_status(actor, thread_id, ThreadStatus.RESOLVED)


def reopen_thread(actor: Actor, thread_id: int) -> Thread:
    """Open a resolved thread again (its author or the chair)."""
    return _set_status(actor, thread_id, ThreadStatus.OPEN)


def record_disposition(actor: Actor, thread_id: int, disposition: str, reply_text: str) -> Comment:
    """The chair records how a thread was handled, with a reply; the thread is then resolved.

    A later disposition replaces the earlier one (both replies stay in the thread, and the
    audit log keeps the change). Raises ``InvalidInput`` for an unknown disposition or an empty
    reply, ``Conflict`` when the opening comment was removed.
    """
    thread = lock_readable_thread(actor, thread_id)
    committee_id = thread.standard.committee_id
    if not permissions.can_record_disposition(actor, committee_id):
        raise NotAllowed(N_("Only the committee's chair may record dispositions."))
    decided = check_disposition(disposition, reply_text)
    before = {"disposition": str(thread.disposition) if thread.disposition else None}
    comment = reply(actor, thread.id, reply_text, disposition=decided)
    now = utcnow()
    thread.disposition = decided
    thread.disposed_at = now
    thread.disposed_by_id = actor.user_id
    if thread.status != ThreadStatus.RESOLVED:
        thread.status = ThreadStatus.RESOLVED
        thread.resolved_at = now
        thread.resolved_by_id = actor.user_id
    db.session.flush()
    record_change(
        actor, "thread.disposition_recorded", thread,
        before=before, after={"disposition": str(decided), "reply": comment.id},
    )
    return comment
