"""Reading discussions with the viewer's rights applied: panels beside a text, threads, reports,
and the consultation comments that still keep a ballot from opening."""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from wiki.comments.access import may_read_thread
from wiki.comments.anchoring import (
    AnchorState,
    PartDescription,
    anchor_state,
    describe_part,
    document_order,
    heading_anchor,
    is_outdated,
)
from wiki.comments.dispositions import ThreadStatus
from wiki.comments.models import Comment, Thread
from wiki.consultations.queries import unclosed_count
from wiki.consultations.windows import BallotBlock, ballot_block
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.permissions import Actor
from wiki.publication.models import Edition
from wiki.standards.models import Revision
from wiki.standards.structure import Structure


@dataclass
class ThreadView:
    """A thread as shown beside one revision: where it points and whether that part changed."""

    thread: Thread
    #: the thread's part compared between the revision it was written on and the shown one
    state: AnchorState
    part: PartDescription | None
    written_number: int

    @property
    def outdated(self) -> bool:
        return is_outdated(self.state)


@dataclass
class PartGroup:
    """The threads about one part of the shown revision."""

    part: PartDescription
    #: the anchor of the heading that holds the part in the shown text
    anchor: str | None
    threads: list[ThreadView] = field(default_factory=list)


@dataclass
class DiscussionPanel:
    """Threads beside a revision: by part in document order, then parts no longer in it, then
    the general discussion."""

    groups: list[PartGroup]
    removed: list[ThreadView]
    general: list[ThreadView]

    @property
    def count(self) -> int:
        return sum(len(g.threads) for g in self.groups) + len(self.removed) + len(self.general)

    @property
    def open_count(self) -> int:
        views = [v for g in self.groups for v in g.threads] + self.removed + self.general
        return sum(v.thread.status == ThreadStatus.OPEN for v in views)


class StructureCache:
    """Revisions' parsed structures, each loaded at most once per request."""

    def __init__(self) -> None:
        self._by_id: dict[int, Structure] = {}

    def add(self, revision: Revision) -> Structure:
        structure = Structure.from_dict(revision.structure or {})
        self._by_id[revision.id] = structure
        return structure

    def get(self, revision_id: int) -> Structure:
        if revision_id not in self._by_id:
            data = db.session.scalar(select(Revision.structure).where(Revision.id == revision_id))
            self._by_id[revision_id] = Structure.from_dict(data or {})
        return self._by_id[revision_id]


def _thread_query():
    return select(Thread).options(
        joinedload(Thread.author),
        joinedload(Thread.revision).load_only(Revision.id, Revision.number),
        selectinload(Thread.comments).options(
            joinedload(Comment.author), selectinload(Comment.edits)
        ),
    )


def threads_of_standard(standard_id: int) -> list[Thread]:
    """Every thread of a standard (callers have checked that the viewer reads its drafts)."""
    return list(
        db.session.execute(
            _thread_query().where(Thread.standard_id == standard_id).order_by(Thread.number)
        ).scalars()
    )


def threads_on_revision(revision_id: int) -> list[Thread]:
    """Threads written on one revision: an edition's, or the report of a revision or ballot."""
    return list(
        db.session.execute(
            _thread_query().where(Thread.revision_id == revision_id).order_by(Thread.number)
        ).scalars()
    )


def revision_threads_version(revision_id: int) -> tuple:
    """What changes when a thread written on the revision, or one of its comments, changes:
    a page showing them (an edition's) gives it to ``http.conditional`` for its ETag."""
    resolved = func.sum(case((Thread.status == ThreadStatus.RESOLVED, 1), else_=0))
    row = db.session.execute(
        select(
            func.count(Comment.id),
            func.max(Comment.id),
            func.max(Comment.edited_at),
            func.max(Comment.deleted_at),
            func.max(Comment.hidden_at),
            func.max(Thread.id),
            resolved,
            func.max(Thread.resolved_at),
            func.max(Thread.disposed_at),
        )
        .select_from(Thread)
        .outerjoin(Comment, Comment.thread_id == Thread.id)
        .where(Thread.revision_id == revision_id)
    ).one()
    return tuple(row)


@dataclass(frozen=True)
class DraftingCycle:
    """The drafting cycle a standard is in: everything since its newest edition.

    Its threads are those written on a revision after the edition's (the next edition's draft)
    and those written on any revision since the edition was published (comments on the
    published text feed the next edition); never published, every thread of the standard.
    """

    #: the newest edition's code, e.g. "EC0217.01"; None when never published
    edition_code: str | None = None
    #: the number of the edition's revision; 0 when never published
    edition_revision: int = 0
    published_at: dt.datetime | None = None


def drafting_cycle(standard_id: int) -> DraftingCycle:
    """The cycle since the standard's newest edition (by edition number, whatever its status)."""
    row = db.session.execute(
        select(Edition.code, Revision.number, Edition.published_at)
        .join(Revision, Revision.id == Edition.revision_id)
        .where(Edition.standard_id == standard_id)
        .order_by(Edition.edition_number.desc())
        .limit(1)
    ).first()
    if row is None:
        return DraftingCycle()
    return DraftingCycle(edition_code=row[0], edition_revision=row[1], published_at=row[2])


def threads_of_cycle(standard_id: int, cycle: DraftingCycle) -> list[Thread]:
    """The threads of a drafting cycle (callers have checked that the viewer reads drafts)."""
    query = _thread_query().where(Thread.standard_id == standard_id)
    if cycle.published_at is not None:
        later_revisions = select(Revision.id).where(
            Revision.standard_id == standard_id, Revision.number > cycle.edition_revision
        )
        query = query.where(
            or_(Thread.revision_id.in_(later_revisions), Thread.created_at >= cycle.published_at)
        )
    return list(db.session.execute(query.order_by(Thread.number)).scalars())


def threads_of_consultation(consultation_id: int) -> list[Thread]:
    return list(
        db.session.execute(
            _thread_query().where(Thread.consultation_id == consultation_id).order_by(Thread.number)
        ).scalars()
    )


def view_of(thread: Thread, shown: Structure | None, structures: StructureCache) -> ThreadView:
    """A thread compared with a shown structure (None: show no comparison)."""
    part = None
    state = AnchorState.CURRENT
    if thread.part_id is not None:
        if shown is not None:
            state = anchor_state(thread.part_text, shown.part_text(thread.part_id))
            part = describe_part(shown, thread.part_id)
        if part is None:
            part = describe_part(structures.get(thread.revision_id), thread.part_id)
    return ThreadView(thread=thread, state=state, part=part, written_number=thread.revision.number)


def discussion_panel(
    threads: list[Thread], revision: Revision, structures: StructureCache | None = None
) -> DiscussionPanel:
    """Group threads beside ``revision``: by part in document order, removed parts, general."""
    structures = structures or StructureCache()
    shown = structures.add(revision)
    order = document_order(shown)
    groups: dict[str, PartGroup] = {}
    removed: list[ThreadView] = []
    general: list[ThreadView] = []
    for thread in threads:
        view = view_of(thread, shown, structures)
        if thread.part_id is None:
            general.append(view)
        elif view.state is AnchorState.REMOVED:
            removed.append(view)
        else:
            group = groups.get(thread.part_id)
            if group is None:
                group = groups[thread.part_id] = PartGroup(
                    part=view.part, anchor=part_anchor(revision, shown, thread.part_id)
                )
            group.threads.append(view)
    ordered = sorted(groups.values(), key=lambda g: order.get(g.part.part_id, len(order)))
    return DiscussionPanel(groups=ordered, removed=removed, general=general)


def part_anchor(revision: Revision, structure: Structure, part_id: str) -> str | None:
    """The anchor of a part in the revision's HTML: its own stable id when the text was rendered
    with part anchors, else the heading of the section or element that holds it."""
    if f'id="{part_id}"' in (revision.body_html or ""):
        return part_id
    return heading_anchor(structure, part_id, revision.toc or [])


def readable_thread(actor: Actor, thread_id: int) -> Thread:
    """The thread, if the actor may read it; NotFound otherwise (no hint that it exists)."""
    thread = db.session.execute(_thread_query().where(Thread.id == thread_id)).scalar_one_or_none()
    if thread is None or not may_read_thread(actor, thread):
        raise NotFound(N_("No such discussion."))
    return thread


def readable_comment(actor: Actor, comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(N_("No such comment."))
    readable_thread(actor, comment.thread_id)
    return comment


def edition_of_revision(revision_id: int) -> Edition | None:
    """The edition published from this revision, if any."""
    return db.session.execute(
        select(Edition).where(Edition.revision_id == revision_id)
    ).scalar_one_or_none()


def undisposed_count(standard_id: int) -> int:
    """Consultation threads of the standard still waiting for the chair's disposition."""
    threads = db.session.execute(
        select(Thread)
        .options(selectinload(Thread.comments))
        .where(
            Thread.standard_id == standard_id,
            Thread.consultation_id.is_not(None),
            Thread.disposition.is_(None),
        )
    ).scalars()
    return sum(t.needs_disposition for t in threads)


def ballot_block_of(standard_id: int) -> BallotBlock | None:
    """What in the standard's consultations stops a ballot from opening, or None."""
    return ballot_block(
        unclosed_consultations=unclosed_count(standard_id),
        undisposed_threads=undisposed_count(standard_id),
    )


def consultation_blocks_ballot(standard_id: int) -> bool:
    """Whether a consultation still open, or comments without a disposition, stop a ballot."""
    return ballot_block_of(standard_id) is not None
