"""Published editions, the requests that lead to them, and the counter behind registry codes."""

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.accounts.models import User
from wiki.ballots.models import Ballot
from wiki.committees.models import Committee
from wiki.db import UTCDateTime, enum_column, utcnow
from wiki.extensions import db
from wiki.publication.codes import format_edition_code
from wiki.publication.lifecycle import EditionStatus, RequestStatus
from wiki.standards.models import Revision, Standard


class Edition(db.Model):
    """A published, frozen revision under its registry code, e.g. ``EC0217.01``."""

    __tablename__ = "editions"
    __table_args__ = (
        UniqueConstraint("standard_id", "edition_number"),
        CheckConstraint("edition_number BETWEEN 1 AND 99", name="edition_range"),
        CheckConstraint(
            "status <> 'withdrawn' OR withdrawn_reason IS NOT NULL", name="withdrawal_has_reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"), unique=True)
    edition_number: Mapped[int] = mapped_column(Integer)
    #: e.g. "EC0217.01"; denormalised so the registry can look it up directly
    code: Mapped[str] = mapped_column(String(12), unique=True)
    status: Mapped[EditionStatus] = mapped_column(
        enum_column(EditionStatus, "edition_status"), default=EditionStatus.CURRENT
    )
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    superseded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    # What was published, copied from the standard (``snapshots.edition_snapshot``): the
    # standard's own title and metadata move on with its next draft.
    title: Mapped[str] = mapped_column(String(300))
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    #: the committee's name when it published the edition
    committee_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2))
    level: Mapped[int] = mapped_column(Integer)
    review_period_years: Mapped[int] = mapped_column(Integer, default=3)
    certificate_validity_years: Mapped[int] = mapped_column(Integer)
    #: related occupations, one per line
    occupations: Mapped[str] = mapped_column(Text, default="")
    #: industry classification (SCIAN) code
    industry_code: Mapped[str] = mapped_column(String(20), default="")
    #: organisations that took part, one per line
    organisations: Mapped[str] = mapped_column(Text, default="")
    approving_body: Mapped[str] = mapped_column(String(200), default="")
    resolution_number: Mapped[str] = mapped_column(String(100), default="")
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    gazette_published_on: Mapped[dt.date | None] = mapped_column(Date)
    gazette_url: Mapped[str] = mapped_column(String(500), default="")

    standard: Mapped[Standard] = relationship(foreign_keys=[standard_id])
    revision: Mapped[Revision] = relationship()
    committee: Mapped[Committee] = relationship()
    published_by: Mapped[User] = relationship()

    @staticmethod
    def code_for(code_number: int, edition_number: int) -> str:
        return format_edition_code(code_number, edition_number)

    def __repr__(self) -> str:
        return f"<Edition {self.code}>"


class CodeCounter(db.Model):
    """The last registry number handed out; codes are allocated by incrementing it, never reused."""

    __tablename__ = "code_counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class PublicationRequest(db.Model):
    """A chair's request that the agency publish the standard's approved revision.

    The agency publishes it with its official act or sends it back with a reason; a standard
    has at most one request waiting, which the database enforces.
    """

    __tablename__ = "publication_requests"
    __table_args__ = (
        Index(
            "uq_publication_requests_one_waiting_per_standard",
            "standard_id",
            unique=True,
            sqlite_where=text("status = 'requested'"),
            postgresql_where=text("status = 'requested'"),
        ),
        CheckConstraint(
            "status <> 'sent_back' OR length(reason) > 0", name="sent_back_has_reason"
        ),
        CheckConstraint(
            "status <> 'published' OR edition_id IS NOT NULL", name="published_has_edition"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), index=True)
    #: the approved revision the chair asked to publish
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    #: the ballot that approved it
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"))
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus, "publication_request_status"), default=RequestStatus.REQUESTED
    )
    #: what the chair tells the agency with the request
    note: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: why the agency sent the request back
    reason: Mapped[str] = mapped_column(Text, default="")
    edition_id: Mapped[int | None] = mapped_column(ForeignKey("editions.id"), unique=True)

    standard: Mapped[Standard] = relationship()
    revision: Mapped[Revision] = relationship()
    ballot: Mapped[Ballot] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    edition: Mapped[Edition | None] = relationship()

    def __repr__(self) -> str:
        return f"<PublicationRequest {self.id} {self.status}>"


class EditionRendering(db.Model):
    """An edition's body as HTML in one language: its metadata block, text and contents.

    Kept because none of it changes once published, so a page view does not render it again.
    What can still change on the page (status, official act, consultation notice, succession)
    is never in here.
    """

    __tablename__ = "edition_renderings"

    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"), primary_key=True)
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    #: the metadata list, as ``_macros.metadata_list`` writes it
    metadata_html: Mapped[str] = mapped_column(Text)
    #: the sanitized text (``Revision.body_html``) beside its table of contents
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
