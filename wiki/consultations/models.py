"""Public consultations: a dated comment window on one revision of a draft."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.accounts.models import User
from wiki.consultations.windows import WindowState, window_state
from wiki.db import UTCDateTime, utcnow
from wiki.extensions import db
from wiki.standards.models import Revision, Standard


class Consultation(db.Model):
    """A comment window the chair opened on one revision; closed by the chair when it ends."""

    __tablename__ = "consultations"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        # At most one consultation not yet closed per standard, enforced by the database.
        Index(
            "uq_consultations_one_unclosed_per_standard",
            "standard_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    opens_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closes_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    standard: Mapped[Standard] = relationship()
    revision: Mapped[Revision] = relationship()
    opened_by: Mapped[User] = relationship(foreign_keys=[opened_by_id])

    def state(self, now: dt.datetime | None = None) -> WindowState:
        return window_state(self.opens_at, self.closes_at, self.closed_at, now or utcnow())

    @property
    def is_open(self) -> bool:
        """Whether the public may read the revision and comment now."""
        return self.state() is WindowState.OPEN

    def __repr__(self) -> str:
        return f"<Consultation {self.id} on standard {self.standard_id}>"
