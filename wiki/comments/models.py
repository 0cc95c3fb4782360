"""Discussion threads on standards, their comments, earlier texts of edited comments, mentions."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.accounts.models import User
from wiki.comments import dispositions
from wiki.comments.dispositions import Disposition, ThreadStatus
from wiki.db import UTCDateTime, enum_column, utcnow
from wiki.extensions import db
from wiki.standards.models import Revision, Standard

#: longest stable part id the structure parser produces, with room to spare
PART_ID_LENGTH = 100


class Thread(db.Model):
    """A discussion on a standard: about one part (by its stable id) or about the whole text."""

    __tablename__ = "comment_threads"
    __table_args__ = (
        UniqueConstraint("standard_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("(part_id IS NULL) = (part_text IS NULL)", name="part_text_with_part"),
        CheckConstraint("(disposition IS NULL) = (disposed_at IS NULL)", name="disposition_dated"),
        CheckConstraint(
            "(status = 'resolved') = (resolved_at IS NOT NULL)", name="resolution_dated"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), index=True)
    #: "discussion 12" of this standard; numbered from 1 in order of creation
    number: Mapped[int] = mapped_column(Integer)
    #: the revision the opening comment was written on
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"), index=True)
    #: the stable id of the section, element or criterion discussed; None: the whole standard
    part_id: Mapped[str | None] = mapped_column(String(PART_ID_LENGTH))
    #: the part's canonical text in that revision; later revisions are compared with it
    part_text: Mapped[str | None] = mapped_column(Text)
    #: the public consultation the thread was written in, if any
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[ThreadStatus] = mapped_column(
        enum_column(ThreadStatus, "thread_status"), default=ThreadStatus.OPEN
    )
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: the chair's latest disposition; its reply is the thread's latest comment carrying it
    disposition: Mapped[Disposition | None] = mapped_column(enum_column(Disposition, "disposition"))
    disposed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    disposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    standard: Mapped[Standard] = relationship()
    revision: Mapped[Revision] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
    disposed_by: Mapped[User | None] = relationship(foreign_keys=[disposed_by_id])
    comments: Mapped[list["Comment"]] = relationship(back_populates="thread", order_by="Comment.id")

    @property
    def root(self) -> "Comment":
        """The opening comment."""
        return self.comments[0]

    @property
    def replies(self) -> list["Comment"]:
        return self.comments[1:]

    @property
    def root_removed(self) -> bool:
        """Whether the opening comment was deleted by its author or hidden by an administrator."""
        return self.root.is_deleted or self.root.is_hidden

    @property
    def disposition_reply(self) -> "Comment | None":
        """The reply that records the current disposition."""
        return next((c for c in reversed(self.comments) if c.disposition is not None), None)

    @property
    def in_consultation(self) -> bool:
        return self.consultation_id is not None

    @property
    def needs_disposition(self) -> bool:
        """Whether the thread waits for the chair's disposition (the rule in ``dispositions``)."""
        return dispositions.needs_disposition(
            in_consultation=self.in_consultation,
            status=self.status,
            root_removed=self.root_removed,
            disposition=self.disposition,
        )

    def __repr__(self) -> str:
        return f"<Thread {self.standard_id}#{self.number}>"


class Comment(db.Model):
    """One comment in a thread: the opening one or a reply. Markdown rendered once, at save."""

    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint("deleted_at IS NULL OR body_markdown = ''", name="deleted_has_no_text"),
        CheckConstraint(
            "deleted_at IS NOT NULL OR length(body_markdown) > 0", name="text_not_empty"
        ),
        CheckConstraint("hidden_at IS NULL OR length(hidden_reason) > 0", name="hiding_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("comment_threads.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: the revision the comment was written on
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    body_markdown: Mapped[str] = mapped_column(Text)
    #: sanitized HTML, rendered once at save time
    body_html: Mapped[str] = mapped_column(Text)
    edited_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    #: set on the chair's reply that records a disposition
    disposition: Mapped[Disposition | None] = mapped_column(enum_column(Disposition, "disposition"))

    thread: Mapped[Thread] = relationship(back_populates="comments")
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    revision: Mapped[Revision] = relationship()
    edits: Mapped[list["CommentEdit"]] = relationship(
        back_populates="comment", order_by="CommentEdit.id", cascade="all, delete-orphan"
    )
    mentions: Mapped[list["Mention"]] = relationship(cascade="all, delete-orphan")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def __repr__(self) -> str:
        return f"<Comment {self.id} in thread {self.thread_id}>"


class CommentEdit(db.Model):
    """An earlier text of an edited comment, kept when its author changed it."""

    __tablename__ = "comment_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    #: when this text was replaced by the next one
    replaced_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates="edits")


class Mention(db.Model):
    """A member named with ``@[…]`` in a comment; what the "my work" page lists."""

    __tablename__ = "comment_mentions"
    __table_args__ = (Index("ix_comment_mentions_user_id", "user_id"),)

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)

    user: Mapped[User] = relationship()
