"""The append-only audit log: who changed what, when, from what to what.

The log sits below every domain that writes to it, accounts included, so it names users,
committees and standards by table (foreign keys, and the ``actor`` relationship by class name)
rather than importing their models.
"""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wiki.db import UTCDateTime, utcnow
from wiki.extensions import db


class AuditEntry(db.Model):
    """One recorded change. Rows are only ever inserted (see ``wiki.audit.operations``)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: dotted verb, e.g. "membership.added", "edition.published"
    action: Mapped[str] = mapped_column(String(64), index=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"), index=True)
    standard_id: Mapped[int | None] = mapped_column(ForeignKey("standards.id"), index=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int | None]
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")

    actor = relationship("User")
