"""Standards and their immutable revisions (editions live in ``wiki.publication``)."""

import datetime as dt

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.accounts.models import User
from wiki.committees.models import Committee
from wiki.db import UTCDateTime, enum_column, utcnow
from wiki.extensions import db
from wiki.standards.lifecycle import StandardStatus


class Standard(db.Model):
    """A competency standard (Estándar de Competencia): its metadata and pointers to its text."""

    __tablename__ = "standards"
    __table_args__ = (
        CheckConstraint("language IN ('es', 'en')", name="language_known"),
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        CheckConstraint("code_number BETWEEN 1 AND 9999", name="code_range"),
        CheckConstraint("length(title) >= 1", name="title_not_empty"),
        CheckConstraint("review_period_years BETWEEN 1 AND 10", name="review_period_range"),
        CheckConstraint("certificate_validity_years BETWEEN 1 AND 10", name="validity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(2))
    level: Mapped[int] = mapped_column(Integer)
    status: Mapped[StandardStatus] = mapped_column(
        enum_column(StandardStatus, "standard_status"), default=StandardStatus.DRAFT
    )
    #: the number behind "EC0217"; allocated at first publication, never reused
    code_number: Mapped[int | None] = mapped_column(Integer, unique=True)
    review_period_years: Mapped[int] = mapped_column(Integer, default=3)
    certificate_validity_years: Mapped[int] = mapped_column(Integer, default=3)
    #: related occupations, one per line
    occupations: Mapped[str] = mapped_column(Text, default="")
    #: industry classification (SCIAN) code
    industry_code: Mapped[str] = mapped_column(String(20), default="")
    #: organisations that took part, one per line
    organisations: Mapped[str] = mapped_column(Text, default="")
    head_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, name="fk_standards_head_revision_id_revisions")
    )
    current_edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("editions.id", use_alter=True, name="fk_standards_current_edition_id_editions")
    )
    #: the revision the last passing ballot approved, waiting for publication; later revisions
    #: are the next edition's draft, and publishing the approved one clears this
    approved_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "revisions.id", use_alter=True, name="fk_standards_approved_revision_id_revisions"
        )
    )
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    committee: Mapped[Committee] = relationship()
    created_by: Mapped[User] = relationship()
    head_revision: Mapped["Revision | None"] = relationship(
        foreign_keys=[head_revision_id], post_update=True
    )
    approved_revision: Mapped["Revision | None"] = relationship(
        foreign_keys=[approved_revision_id], post_update=True
    )
    current_edition: Mapped["Edition | None"] = relationship(  # noqa: F821 (publication's model)
        foreign_keys=[current_edition_id], post_update=True
    )

    @property
    def code(self) -> str | None:
        """The registry code, e.g. ``EC0217``, once publication allocated its number.

        The format is ``wiki.publication.codes.format_code``'s; drafting must not import
        publication, and a test keeps the two equal.
        """
        return f"EC{self.code_number:04d}" if self.code_number else None

    def __repr__(self) -> str:
        return f"<Standard {self.id} {self.title!r}>"


class Revision(db.Model):
    """One immutable save of a standard's text.

    Numbers are contiguous from 1 and the database proves it: ``(standard_id,
    number)`` is unique, and ``parent_number`` must be ``number - 1`` and name an
    existing revision of the same standard.
    """

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("standard_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint(
            "(number = 1 AND parent_number IS NULL) OR "
            "(parent_number IS NOT NULL AND parent_number = number - 1)",
            name="parent_is_previous",
        ),
        ForeignKeyConstraint(
            ["standard_id", "parent_number"],
            ["revisions.standard_id", "revisions.number"],
            name="fk_revisions_parent_revisions",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    parent_number: Mapped[int | None] = mapped_column(Integer)
    #: the revision whose text this one restored, if it was a restore
    restored_from_number: Mapped[int | None] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    summary: Mapped[str] = mapped_column(String(300), default="")
    title: Mapped[str] = mapped_column(String(300))
    body_markdown: Mapped[str] = mapped_column(Text)
    #: sha256 of the title and body, hex; an unchanged save is detected by it
    content_hash: Mapped[str] = mapped_column(String(64))
    #: sanitized HTML, rendered once at save time so page views never render Markdown
    body_html: Mapped[str] = mapped_column(Text)
    #: table of contents: list of [level, anchor, title]
    toc: Mapped[list] = mapped_column(JSON, default=list)
    #: parsed competency-standard structure (Structure.to_dict())
    structure: Mapped[dict] = mapped_column(JSON, default=dict)
    #: body length in characters, and the change from the parent
    size_chars: Mapped[int] = mapped_column(Integer)
    size_delta: Mapped[int] = mapped_column(Integer)

    standard: Mapped[Standard] = relationship(foreign_keys=[standard_id])
    author: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Revision {self.standard_id}#{self.number}>"
