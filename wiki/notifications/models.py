"""Watched standards, notifications, and each person's choice about notification email."""

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.accounts.models import User
from wiki.ballots.models import Ballot
from wiki.comments.models import Comment, Thread
from wiki.consultations.models import Consultation
from wiki.db import UTCDateTime, enum_column, utcnow
from wiki.extensions import db
from wiki.notifications.kinds import NotificationKind
from wiki.publication.models import Edition, PublicationRequest
from wiki.standards.models import Revision, Standard


class Watch(db.Model):
    """A person follows a standard: its revisions, discussions, ballots and editions."""

    __tablename__ = "watches"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    standard_id: Mapped[int] = mapped_column(
        ForeignKey("standards.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(db.Model):
    """Something that happened which one person should know about; read or not yet read.

    Rows hold references, not sentences: the text is written when shown, in the reader's
    language (``wiki.notifications.messages``).
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(
        enum_column(NotificationKind, "notification_kind")
    )
    #: who caused it, when a person did
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    standard_id: Mapped[int | None] = mapped_column(ForeignKey("standards.id"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("comment_threads.id"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    ballot_id: Mapped[int | None] = mapped_column(ForeignKey("ballots.id"))
    edition_id: Mapped[int | None] = mapped_column(ForeignKey("editions.id"))
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"))
    publication_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("publication_requests.id")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    standard: Mapped[Standard | None] = relationship()
    revision: Mapped[Revision | None] = relationship()
    thread: Mapped[Thread | None] = relationship()
    comment: Mapped[Comment | None] = relationship()
    ballot: Mapped[Ballot | None] = relationship()
    edition: Mapped[Edition | None] = relationship()
    consultation: Mapped[Consultation | None] = relationship()
    publication_request: Mapped[PublicationRequest | None] = relationship()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(db.Model):
    """A person's choice about notification email; no row means the default (email on)."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    #: send each notification by email too, when the site has a mail server
    email: Mapped[bool] = mapped_column(Boolean, default=True)
