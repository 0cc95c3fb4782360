"""Ballots on one exact revision, and the positions cast in them."""

import datetime as dt

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.accounts.models import User
from wiki.ballots.consensus import Position
from wiki.ballots.lifecycle import BallotStatus
from wiki.db import UTCDateTime, enum_column, utcnow
from wiki.extensions import db
from wiki.roles import StakeholderGroup
from wiki.standards.models import Revision, Standard


class Ballot(db.Model):
    """A vote of the committee on one revision of a standard."""

    __tablename__ = "ballots"
    __table_args__ = (
        # At most one open ballot per standard, enforced by the database.
        Index(
            "uq_ballots_one_open_per_standard",
            "standard_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"), index=True)
    status: Mapped[BallotStatus] = mapped_column(
        enum_column(BallotStatus, "ballot_status"), default=BallotStatus.OPEN
    )
    #: the committee's consensus rule when the ballot opened (ConsensusRule.to_dict())
    rule: Mapped[dict] = mapped_column(JSON)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closes_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    close_reason: Mapped[str] = mapped_column(Text, default="")
    #: the verdict when the ballot closed (``wiki.ballots.outcome.verdict_to_dict``)
    outcome: Mapped[dict | None] = mapped_column(JSON)
    #: when ``ballot_closing_soon`` was sent, so it is sent once
    closing_reminder_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    standard: Mapped[Standard] = relationship()
    revision: Mapped[Revision] = relationship()
    opened_by: Mapped[User] = relationship(foreign_keys=[opened_by_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    votes: Mapped[list["Vote"]] = relationship(back_populates="ballot", order_by="Vote.id")


class Vote(db.Model):
    """A voter's current position in a ballot; earlier positions are kept in ``VoteChange``."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("ballot_id", "user_id"),
        CheckConstraint("position <> 'object' OR length(reason) > 0", name="objection_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: the group the voter represented on the committee when voting
    stakeholder_group: Mapped[StakeholderGroup] = mapped_column(
        enum_column(StakeholderGroup, "stakeholder_group")
    )
    position: Mapped[Position] = mapped_column(enum_column(Position, "position"))
    reason: Mapped[str] = mapped_column(Text, default="")
    cast_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    ballot: Mapped[Ballot] = relationship(back_populates="votes")
    user: Mapped[User] = relationship()


class VoteChange(db.Model):
    """Every position ever cast, in order: the ballot's append-only log."""

    __tablename__ = "vote_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    position: Mapped[Position] = mapped_column(enum_column(Position, "position"))
    reason: Mapped[str] = mapped_column(Text, default="")
    cast_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
