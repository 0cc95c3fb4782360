"""The search outbox: index work recorded in the transaction that made it necessary.

PostgreSQL's search tables live in the ``search`` schema, outside the SQLAlchemy metadata
(see ``postgres_backend``); this table is portable and belongs to the models.
"""

import datetime as dt

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from wiki.db import UTCDateTime, utcnow
from wiki.extensions import db


class SearchOutbox(db.Model):
    """One standard whose documents must be indexed again; deleted once they are."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: a row must outlive its standard, so that deleting a standard
    # removes its documents from the index too.
    standard_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchOutbox {self.id} standard={self.standard_id}>"
