"""What discussion pages show, with the viewer's rights applied: the panel beside a text
(draft, edition, consultation) and the page of one thread.

The pages beside which the panel appears belong to other domains; they include
``comments/_panel.html``, which asks ``comment_panel(...)`` (a template global) for its content.
"""

from dataclasses import dataclass

from flask import url_for
from wtforms import SelectChoice

from wiki import permissions
from wiki.comments import queries
from wiki.comments.access import committee_members, is_frozen, may_write_in
from wiki.comments.anchoring import describe_parts
from wiki.comments.forms import NewThreadForm
from wiki.comments.queries import DiscussionPanel, StructureCache, ThreadView
from wiki.comments.wording import part_label
from wiki.committees.actors import current_actor
from wiki.consultations import queries as consultations
from wiki.consultations.models import Consultation
from wiki.permissions import Actor
from wiki.publication.models import Edition
from wiki.standards.models import Revision, Standard
from wiki.standards.structure import Structure


@dataclass
class PanelContext:
    """Everything ``comments/_panel.html`` needs."""

    standard: Standard
    revision: Revision
    panel: DiscussionPanel
    #: the form for a new thread, or None when the viewer may not comment here
    form: NewThreadForm | None
    #: names offered by the mention completion (committee readers only)
    member_names: list[str]
    #: "draft", "edition" or "consultation": where the panel is shown
    place: str
    consultation: Consultation | None = None
    #: the viewer reads drafts, so links to revisions and outdated markers make sense
    reads_drafts: bool = False


def part_choices(structure: Structure | None) -> list[SelectChoice]:
    """The "what is your comment about?" list: the whole standard, then every part in order."""
    choices = [SelectChoice("", part_label(None))]
    for part in describe_parts(structure or Structure()):
        prefix = "— " if part.depth else ""
        choices.append(SelectChoice(part.part_id, prefix + part_label(part)))
    return choices


def new_thread_form(revision: Revision, part_id: str | None = None, **kwargs) -> NewThreadForm:
    form = NewThreadForm(**kwargs)
    form.part.choices = part_choices(Structure.from_dict(revision.structure or {}))
    if form.revision.data in (None, ""):
        form.revision.data = str(revision.number)
    if part_id is not None and not form.part.data:
        form.part.data = part_id
    return form


def mention_names(actor: Actor, committee_id: int) -> list[str]:
    """Display names for the completion list; only for those who read the committee's drafts."""
    if not permissions.can_read_drafts(actor, committee_id):
        return []
    return [m.display_name for m in committee_members(committee_id)]


def edition_threads_visible(actor: Actor, committee) -> bool:
    """Whether ``actor`` sees the threads on a published edition of ``committee``'s."""
    return permissions.can_read_thread(
        actor, committee.id, on_published_edition=True, comments_public=committee.comments_public
    )


def comment_panel(
    standard: Standard,
    revision: Revision,
    *,
    edition: Edition | None = None,
    consultation: Consultation | None = None,
    writable: bool = True,
) -> PanelContext | None:
    """The panel beside ``revision``; None when the viewer may see no thread here."""
    actor = current_actor()
    committee = standard.committee
    reads_drafts = permissions.can_read_drafts(actor, committee.id)
    if consultation is not None:
        place = "consultation"
        threads = queries.threads_of_consultation(consultation.id)
        window_open = consultation.is_open
    elif edition is not None:
        place = "edition"
        if not edition_threads_visible(actor, committee):
            return None
        threads = queries.threads_on_revision(edition.revision_id)
        window_open = False
    else:
        place = "draft"
        if not reads_drafts:
            return None
        threads = queries.threads_of_standard(standard.id)
        open_window = consultations.open_window_of(standard.id)
        window_open = open_window is not None and open_window.revision_id == revision.id
    may_comment = writable and permissions.can_comment(
        actor,
        committee.id,
        committee_archived=committee.is_archived,
        consultation_open=window_open,
    )
    return PanelContext(
        standard=standard,
        revision=revision,
        panel=queries.discussion_panel(threads, revision, StructureCache()),
        form=new_thread_form(revision, formdata=None) if may_comment else None,
        member_names=mention_names(actor, committee.id) if may_comment else [],
        place=place,
        consultation=consultation,
        reads_drafts=reads_drafts,
    )


def written_text_url(
    thread, written_number: int, anchor: str | None, *, reads_drafts: bool, edition: Edition | None
):
    """Where the text a thread was written against can be read by this viewer, or None;
    ``edition`` is the one published from that text, looked up by the caller."""
    if reads_drafts:
        return url_for(
            "standards.revision",
            standard_id=thread.standard_id,
            number=written_number,
            _anchor=anchor,
        )
    if thread.consultation_id is not None:
        return url_for("consultations.show", consultation_id=thread.consultation_id)
    if edition is not None:
        return url_for("registry.edition", code=edition.code)
    return None


@dataclass
class ThreadPage:
    """Everything ``comments/thread.html`` shows besides the thread itself and its forms."""

    view: ThreadView
    reads_drafts: bool
    #: the discussed part's text as written, or None where the viewer may not read it now
    part_text: str | None
    written_url: str | None
    #: per comment id: {"edit": bool, "delete": bool, "hide": bool}
    actions: dict
    can_reply: bool
    can_resolve: bool
    can_dispose: bool
    #: a consultation thread whose window has closed: its comments no longer change
    frozen: bool
    member_names: list[str]
    consultation: Consultation | None


def thread_page(actor: Actor, thread) -> ThreadPage:
    """The thread compared with the current draft (for those who read drafts) and what the
    viewer may do in it."""
    committee = thread.standard.committee
    reads_drafts = permissions.can_read_drafts(actor, committee.id)
    structures = StructureCache()
    head = structures.get(thread.standard.head_revision_id) if reads_drafts else None
    view = queries.view_of(thread, head, structures)
    written = structures.get(thread.revision_id)
    anchor = (
        queries.part_anchor(thread.revision, written, thread.part_id) if thread.part_id else None
    )
    frozen = is_frozen(thread)
    may_write = may_write_in(actor, thread)
    actions = {}
    for comment in thread.comments:
        live = not (comment.is_deleted or comment.is_hidden)
        actions[comment.id] = {
            "edit": live
            and not frozen
            and may_write
            and permissions.can_edit_comment(actor, author_id=comment.author_id),
            "delete": live
            and not frozen
            and comment.disposition is None
            and permissions.can_delete_comment(actor, author_id=comment.author_id),
            "hide": live and permissions.can_hide_comment(actor),
        }
    in_open_consultation = thread.consultation_id is not None and not frozen
    edition = (
        None
        if reads_drafts or in_open_consultation
        else queries.edition_of_revision(thread.revision_id)
    )
    text_readable = reads_drafts or in_open_consultation or edition is not None
    can_reply = may_write and not thread.root_removed
    return ThreadPage(
        view=view,
        reads_drafts=reads_drafts,
        part_text=thread.part_text if text_readable else None,
        written_url=written_text_url(
            thread, view.written_number, anchor, reads_drafts=reads_drafts, edition=edition
        ),
        actions=actions,
        can_reply=can_reply,
        can_resolve=permissions.can_resolve_thread(
            actor, committee.id, thread_author_id=thread.author_id
        ),
        can_dispose=permissions.can_record_disposition(actor, committee.id)
        and not thread.root_removed,
        frozen=frozen,
        member_names=mention_names(actor, committee.id) if can_reply else [],
        consultation=consultations.get_consultation(thread.consultation_id)
        if thread.consultation_id
        else None,
    )
