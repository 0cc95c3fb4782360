"""Changes to what people write: threads, replies, edits and deletions of one's own comments.

Every function takes the actor, re-checks permission, locks what it changes, sends
``comment_saved`` for new text, and flushes; the caller commits.
"""

from typing import NamedTuple

from sqlalchemy import delete, func, select

from wiki import events, permissions
from wiki.audit.operations import record_change
from wiki.comments.access import committee_members, is_frozen, may_read_thread, may_write_in
from wiki.comments.dispositions import Disposition, ThreadStatus
from wiki.comments.mentions import mark_mentions, resolve_mentions
from wiki.comments.models import Comment, CommentEdit, Mention, Thread
from wiki.consultations import queries as consultations
from wiki.db import utcnow
from wiki.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound, TooLarge
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.standards.models import Revision
from wiki.standards.operations import lock_standard
from wiki.standards.rendering import render_comment
from wiki.standards.structure import Structure


class UnknownPart(InvalidInput):
    """The comment names a part its revision does not have."""


#: longest comment, in characters
MAX_COMMENT_CHARS = 20_000
#: longest reason an administrator gives for hiding a comment
MAX_REASON_CHARS = 2_000
#: what a thread id that names no thread the actor may read is told
NO_SUCH_THREAD = N_("No such discussion.")


class PreparedText(NamedTuple):
    """A comment's text, checked: normalised, rendered, and the members it mentions."""

    text: str
    html: str
    mentioned: frozenset[int]
    #: the Markdown rendered: the text with its mentions marked
    marked: str = ""


def prepare_text(body: str, committee_id: int) -> PreparedText | None:
    """Render a comment's text before the lock of the operation that stores it, which reuses
    the rendering if the text still reads the same with its mentions marked.

    None for a text that would be refused: the operation says why, after its own checks.
    """
    try:
        return _prepared(body, committee_id)
    except DomainError:
        return None


def _prepared(body: str, committee_id: int, ahead: PreparedText | None = None) -> PreparedText:
    """Check a comment's text; return it normalised, rendered, and the members it mentions.

    The rendering of ``ahead`` (from ``prepare_text``) is used if it rendered the same Markdown.
    """
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise InvalidInput(N_("Write your comment before sending it."))
    if len(text) > MAX_COMMENT_CHARS:
        raise TooLarge(
            N_("A comment can be at most %(limit)d characters long."), limit=MAX_COMMENT_CHARS
        )
    if "\x00" in text:
        raise InvalidInput(N_("The text contains a NUL character."))
    members = committee_members(committee_id)
    mentions = resolve_mentions(text, members)
    for problem in mentions.problems:
        if problem.code == "ambiguous":
            raise InvalidInput(
                N_(
                    "More than one member is called “%(name)s”. Mention them by email address "
                    "instead, for example @[name@example.org]."
                ),
                name=problem.name,
            )
        raise InvalidInput(
            N_(
                "“%(name)s” is not a member of this committee, so they cannot be mentioned. "
                "Check the name, or remove the @ and the brackets."
            ),
            name=problem.name,
        )
    marked = mark_mentions(text, members)
    html = ahead.html if ahead is not None and ahead.marked == marked else render_comment(marked)
    return PreparedText(text, html, mentions.user_ids, marked)


def lock_readable_thread(actor: Actor, thread_id: int) -> Thread:
    """The thread locked for a change, if the actor may read it; NotFound otherwise."""
    thread = lock_row(Thread, thread_id, NO_SUCH_THREAD)
    if not may_read_thread(actor, thread):
        raise NotFound(NO_SUCH_THREAD)
    return thread


def _check_not_frozen(thread: Thread) -> None:
    if is_frozen(thread):
        raise Conflict(
            N_("The public consultation has closed, so its comments can no longer be changed.")
        )


def _add_mentions(comment: Comment, user_ids: frozenset[int]) -> None:
    for user_id in sorted(user_ids):
        db.session.add(Mention(comment_id=comment.id, user_id=user_id))


def _add_comment(
    actor: Actor,
    thread: Thread,
    revision_id: int,
    prepared: PreparedText,
    disposition: Disposition | None = None,
) -> Comment:
    """Store a new comment and the members it mentions."""
    comment = Comment(
        thread_id=thread.id,
        author_id=actor.user_id,
        revision_id=revision_id,
        body_markdown=prepared.text,
        body_html=prepared.html,
        disposition=disposition,
    )
    db.session.add(comment)
    db.session.flush()
    _add_mentions(comment, prepared.mentioned)
    db.session.flush()
    return comment


def start_thread(
    actor: Actor,
    standard_id: int,
    *,
    revision_number: int,
    part_id: str | None,
    body: str,
    prepared: PreparedText | None = None,
) -> Thread:
    """Open a thread on one revision, about one part (by stable id) or the whole standard.

    On the revision of a public consultation whose window is open, the thread belongs to the
    consultation and anyone logged in may write it. Raises ``NotFound`` when the actor may not
    know the draft exists, ``NotAllowed`` without the right to comment, ``InvalidInput`` for an
    empty comment, an unknown part or revision, or a mention of a non-member. ``prepared``,
    from ``prepare_text`` before the lock, saves rendering the text again.
    """
    standard = lock_standard(standard_id)
    committee = standard.committee
    window = consultations.open_window_of(standard.id)
    reads_drafts = permissions.can_read_drafts(actor, committee.id)
    revision = db.session.execute(
        select(Revision).where(
            Revision.standard_id == standard.id, Revision.number == revision_number
        )
    ).scalar_one_or_none()
    in_consultation = (
        window is not None and revision is not None and revision.id == window.revision_id
    )
    if not reads_drafts and not in_consultation:
        if window is None and standard.current_edition_id is None:
            raise NotFound(N_("No such standard."))
        raise NotAllowed(N_("Only members of the committee may comment on this text."))
    if revision is None:
        raise InvalidInput(
            N_("Revision %(number)s, which you commented on, does not exist."),
            number=revision_number,
        )
    if not permissions.can_comment(
        actor,
        committee.id,
        committee_archived=committee.is_archived,
        consultation_open=in_consultation,
    ):
        raise NotAllowed(N_("Only members of the committee may comment on this text."))
    part_id = (part_id or "").strip() or None
    part_text = None
    if part_id is not None:
        part_text = Structure.from_dict(revision.structure or {}).part_text(part_id)
        if part_text is None:
            raise UnknownPart(
                N_(
                    "Revision %(number)d has no part “%(part)s”. Choose a part from the list, "
                    "or comment on the whole standard."
                ),
                number=revision.number,
                part=part_id[:100],
                field="part",
            )
    prepared = _prepared(body, committee.id, prepared)
    number = (
        db.session.scalar(select(func.max(Thread.number)).where(Thread.standard_id == standard.id))
        or 0
    ) + 1
    thread = Thread(
        standard_id=standard.id,
        number=number,
        revision_id=revision.id,
        part_id=part_id,
        part_text=part_text,
        consultation_id=window.id if in_consultation else None,
        author_id=actor.user_id,
        status=ThreadStatus.OPEN,
    )
    db.session.add(thread)
    db.session.flush()
    comment = _add_comment(actor, thread, revision.id, prepared)
    events.comment_saved.send(
        standard, thread=thread, comment=comment, created=True, new_mentions=prepared.mentioned
    )
    return thread


def reply(
    actor: Actor,
    thread_id: int,
    body: str,
    *,
    disposition: Disposition | None = None,
    prepared: PreparedText | None = None,
):
    """Add a reply to a thread; raises ``Conflict`` when its opening comment was deleted.

    ``prepared`` is the text rendered ahead by ``prepare_text``, as for ``start_thread``.
    """
    thread = lock_readable_thread(actor, thread_id)
    if not may_write_in(actor, thread):
        raise NotAllowed(N_("Only members of the committee may reply in this discussion."))
    if thread.root_removed:
        raise Conflict(
            N_(
                "The opening comment of this discussion was removed, so it takes no new "
                "replies. Start a new discussion instead."
            )
        )
    prepared = _prepared(body, thread.standard.committee_id, prepared)
    window = consultations.open_window_of(thread.standard_id) if thread.consultation_id else None
    written_on = (
        window.revision_id
        if window is not None and window.id == thread.consultation_id
        else thread.standard.head_revision_id
    )
    comment = _add_comment(actor, thread, written_on, prepared, disposition)
    db.session.expire(thread, ["comments"])
    events.comment_saved.send(
        thread.standard,
        thread=thread,
        comment=comment,
        created=True,
        new_mentions=prepared.mentioned,
    )
    return comment


def _own_comment(actor: Actor, comment_id: int, allowed) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(N_("No such comment."))
    thread = lock_readable_thread(actor, comment.thread_id)
    if not allowed(actor, author_id=comment.author_id):
        raise NotAllowed(N_("Only the author of a comment may change it."))
    if comment.is_deleted:
        raise Conflict(N_("This comment was deleted."))
    if comment.is_hidden:
        raise Conflict(N_("An administrator hid this comment; it can no longer be changed."))
    _check_not_frozen(thread)
    return comment


def edit_comment(
    actor: Actor, comment_id: int, body: str, *, prepared: PreparedText | None = None
) -> Comment:
    """Change one's own comment; the earlier text is kept and the comment marked as edited.

    ``prepared`` is the text rendered ahead by ``prepare_text``, as for ``start_thread``.
    """
    comment = _own_comment(actor, comment_id, permissions.can_edit_comment)
    thread = comment.thread
    if not may_write_in(actor, thread):
        raise NotAllowed(N_("Only members of the committee may change comments here."))
    text, html, mentioned, _ = _prepared(body, thread.standard.committee_id, prepared)
    if text == comment.body_markdown:
        return comment
    db.session.add(
        CommentEdit(
            comment_id=comment.id, body_markdown=comment.body_markdown, body_html=comment.body_html
        )
    )
    already = {m.user_id for m in comment.mentions}
    comment.body_markdown = text
    comment.body_html = html
    comment.edited_at = utcnow()
    db.session.execute(delete(Mention).where(Mention.comment_id == comment.id))
    db.session.flush()
    _add_mentions(comment, mentioned)
    db.session.flush()
    db.session.expire(comment, ["mentions", "edits"])
    events.comment_saved.send(
        thread.standard,
        thread=thread,
        comment=comment,
        created=False,
        new_mentions=frozenset(mentioned - already),
    )
    return comment


def delete_comment(actor: Actor, comment_id: int) -> Comment:
    """Delete one's own comment: its text and earlier texts go, its place in the thread stays."""
    comment = _own_comment(actor, comment_id, permissions.can_delete_comment)
    if comment.disposition is not None:
        raise Conflict(
            N_("This reply records a disposition. Record a new disposition instead of deleting it.")
        )
    comment.deleted_at = utcnow()
    comment.body_markdown = ""
    comment.body_html = ""
    db.session.execute(delete(CommentEdit).where(CommentEdit.comment_id == comment.id))
    db.session.execute(delete(Mention).where(Mention.comment_id == comment.id))
    db.session.flush()
    db.session.expire(comment, ["mentions", "edits"])
    record_change(actor, "comment.deleted", comment, after={"thread": comment.thread.number})
    return comment
