"""Sector committees and who sits on them."""

import datetime as dt

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.accounts.models import User
from wiki.db import UTCDateTime, enum_column, utcnow
from wiki.extensions import db
from wiki.roles import Role, StakeholderGroup


class Committee(db.Model):
    """A sector committee (Comité de Gestión por Competencias)."""

    __tablename__ = "committees"
    __table_args__ = (
        CheckConstraint("length(slug) >= 2", name="slug_not_empty"),
        CheckConstraint("length(name) >= 1", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    #: ConsensusRule.to_dict(); empty means the product default (per-group consensus)
    consensus_rule: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the public may read comment threads on this committee's published editions
    comments_public: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="committee", cascade="all, delete-orphan"
    )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def __repr__(self) -> str:
        return f"<Committee {self.slug}>"


class Membership(db.Model):
    """A user's seat on a committee: role, voting right and the group they represent there."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "committee_id"),
        CheckConstraint("role <> 'observer' OR NOT can_vote", name="observers_do_not_vote"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committees.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    can_vote: Mapped[bool] = mapped_column(Boolean, default=False)
    stakeholder_group: Mapped[StakeholderGroup] = mapped_column(
        enum_column(StakeholderGroup, "stakeholder_group")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    committee: Mapped[Committee] = relationship(back_populates="memberships")

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} committee={self.committee_id} {self.role}>"
