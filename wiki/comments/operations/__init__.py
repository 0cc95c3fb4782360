"""Changes to discussions: threads, replies, edits, deletions, hiding, resolution, dispositions.

Every function takes the actor, re-checks permission, locks what it changes, writes the audit
entry where the change is one an auditor asks about, sends ``comment_saved`` for new text, and
flushes; the caller commits. Errors are ``wiki.errors`` domain errors.
"""

from wiki.comments.operations.decisions import (
    hide_comment,
    record_disposition,
    reopen_thread,
    resolve_thread,
)
from wiki.comments.operations.texts import (
    MAX_COMMENT_CHARS,
    MAX_REASON_CHARS,
    UnknownPart,
    delete_comment,
    edit_comment,
    prepare_text,
    reply,
    start_thread,
)

__all__ = [
    "MAX_COMMENT_CHARS",
    "MAX_REASON_CHARS",
    "UnknownPart",
    "delete_comment",
    "edit_comment",
    "hide_comment",
    "prepare_text",
    "record_disposition",
    "reopen_thread",
    "reply",
    "resolve_thread",
    "start_thread",
]
