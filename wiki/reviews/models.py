"""The record that an edition's committee was told it is due for review."""

import datetime as dt

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.db import UTCDateTime, utcnow
from wiki.extensions import db
from wiki.publication.models import Edition


class ReviewNotice(db.Model):
    """One per edition at most: ``review_due`` is sent once, whoever runs the job and when."""

    __tablename__ = "review_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"), unique=True)
    #: the review date the notice was about
    due_on: Mapped[dt.date] = mapped_column(Date)
    notified_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    edition: Mapped[Edition] = relationship()
