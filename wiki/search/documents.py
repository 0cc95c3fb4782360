"""The one place that turns standards into ``SearchDocument``s.

A standard gives one document per published edition (public, with the edition's status:
current, superseded or withdrawn, and the title and metadata the edition was published with)
and, while work is in progress, one for its draft head (status ``draft``, visible to those who
may read the committee's drafts). Text comes from the revision's stored structure (sections,
elements and their criteria); Markdown is never rendered again here.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from wiki.publication.models import Edition
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Revision, Standard
from wiki.standards.structure import Element, Section, Structure

from .models import SearchOutbox
from .visibility import PUBLIC, committee_scope

#: standard statuses with work in progress, whose draft head is searchable by members
IN_PROGRESS = frozenset(
    {
        StandardStatus.DRAFT,
        StandardStatus.CONSULTATION,
        StandardStatus.BALLOT,
        StandardStatus.APPROVED,
    }
)
#: the status of a draft document (editions carry their own status)
DRAFT = "draft"


@dataclass(frozen=True)
class SearchDocument:
    """What the index holds about one edition, or one draft head, of a standard."""

    doc_id: str
    standard_id: int
    edition_id: int | None
    #: current, superseded, withdrawn, or draft
    status: str
    #: the edition's status, or the standard's for a draft (draft, ballot, approved…)
    stage: str
    committee_id: int
    committee_name: str
    sector: str
    language: str
    level: int
    #: codes matched exactly: the standard's (EC0217) and the edition's (EC0217.01)
    codes: tuple[str, ...]
    #: the code shown: the edition's, or the standard's for a draft
    code: str | None
    title: str
    #: committee, sector, occupations and industry classification
    metadata: str
    #: sections, elements and criteria, one part per line
    body: str
    #: publication time of an edition, last save of a draft
    date: dt.datetime

    @property
    def is_public(self) -> bool:
        return self.status != DRAFT

    @property
    def scope(self) -> str:
        """Who may find it: ``public``, or the committee whose drafts it belongs to."""
        return PUBLIC if self.is_public else committee_scope(self.committee_id)

    @property
    def version(self) -> str:
        """Fingerprint of everything indexed; a stored version that differs is stale."""
        data = asdict(self)
        data["date"] = self.date.isoformat()
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()[:32]


def body_text(structure: Structure) -> str:
    """The searchable text of a structure: section texts, element titles and every criterion."""
    parts: list[str] = []
    for part in (*structure.sections, *structure.elements):
        if isinstance(part, Section):
            parts += [part.title, part.text]
        elif isinstance(part, Element):
            parts.append(f"{part.code or ''} {part.title}".strip())
        parts += [item.canonical_text() for item in part.items]
    return "\n".join(p for p in parts if p)


def _revision_text(revision: Revision) -> str:
    structure = Structure.from_dict(revision.structure or {})
    if structure.sections or structure.elements:
        return body_text(structure)
    # Text outside the template has no structure; its source is the only text there is.
    return revision.body_markdown


def _metadata_text(standard: Standard, described: Standard | Edition) -> str:
    parts = [standard.committee.name, standard.committee.sector, described.industry_code]
    parts += described.occupations.splitlines()
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _common(standard: Standard, described: Standard | Edition) -> dict:
    """Fields every document has; ``described`` holds the language and metadata: an edition's
    own copy, or the standard's live values for its draft."""
    return {
        "standard_id": standard.id,
        "committee_id": standard.committee_id,
        "committee_name": standard.committee.name,
        "sector": standard.committee.sector or "",
        "language": described.language,
        "level": described.level,
        "metadata": _metadata_text(standard, described),
    }


def edition_document(standard: Standard, edition: Edition) -> SearchDocument:
    revision = edition.revision
    return SearchDocument(
        doc_id=f"edition-{edition.id}",
        edition_id=edition.id,
        status=str(edition.status),
        stage=str(edition.status),
        codes=(standard.code, edition.code),
        code=edition.code,
        title=edition.title,
        body=_revision_text(revision),
        date=edition.published_at,
        **_common(standard, edition),
    )


def draft_document(standard: Standard, head: Revision) -> SearchDocument:
    return SearchDocument(
        doc_id=f"draft-{standard.id}",
        edition_id=None,
        status=DRAFT,
        stage=str(standard.status),
        codes=(standard.code,) if standard.code else (),
        code=standard.code,
        title=head.title,
        body=_revision_text(head),
        date=head.created_at,
        **_common(standard, standard),
    )


def documents_for(session: Session, standard_ids: Collection[int]) -> list[SearchDocument]:
    """Every document the standards give today (none for a standard that no longer exists)."""
    if not standard_ids:
        return []
    standards = (
        session.execute(
            select(Standard)
            .options(joinedload(Standard.committee))
            .where(Standard.id.in_(sorted(standard_ids)))
            .order_by(Standard.id)
        )
        .scalars()
        .all()
    )
    editions: dict[int, list[Edition]] = {}
    for edition in session.execute(
        select(Edition)
        .options(joinedload(Edition.revision))
        .where(Edition.standard_id.in_([s.id for s in standards]))
        .order_by(Edition.edition_number)
    ).scalars():
        editions.setdefault(edition.standard_id, []).append(edition)
    head_ids = [s.head_revision_id for s in standards if s.status in IN_PROGRESS]
    heads = {
        r.id: r
        for r in session.execute(select(Revision).where(Revision.id.in_(head_ids))).scalars()
    }
    documents = []
    for standard in standards:
        documents += [edition_document(standard, e) for e in editions.get(standard.id, ())]
        if standard.head_revision_id in heads:
            documents.append(draft_document(standard, heads[standard.head_revision_id]))
    return documents


def count_standards(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Standard)) or 0


def count_settled_documents(session: Session) -> int:
    """Documents of the standards with no index work waiting in the outbox.

    A complete index holds at least these (it may hold more: old documents of the standards
    still waiting). Two counts on indexed columns, cheap enough for every new searcher.
    """
    waiting = select(SearchOutbox.standard_id)
    editions = select(func.count()).select_from(Edition).where(Edition.standard_id.not_in(waiting))
    drafts = (
        select(func.count())
        .select_from(Standard)
        .where(
            Standard.status.in_(IN_PROGRESS),
            Standard.head_revision_id.is_not(None),
            Standard.id.not_in(waiting),
        )
    )
    return (session.scalar(editions) or 0) + (session.scalar(drafts) or 0)


def document_batches(
    session: Session, batch_size: int = 100, *, release: bool = False
) -> Iterator[list[SearchDocument]]:
    """Documents of every standard, a batch of standards at a time (for rebuilds and checks).

    With ``release`` the session forgets each batch's rows once yielded, so a rebuild of a
    large registry runs in constant memory; only pass it for a session of one's own.
    """
    last_id = 0
    while True:
        ids = (
            session.execute(
                select(Standard.id)
                .where(Standard.id > last_id)
                .order_by(Standard.id)
                .limit(batch_size)
            )
            .scalars()
            .all()
        )
        if not ids:
            return
        last_id = ids[-1]
        yield documents_for(session, ids)
        if release:
            session.expunge_all()
