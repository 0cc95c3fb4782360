"""People who use the wiki."""

import datetime as dt
import secrets

from flask_login import UserMixin
from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from wiki.db import UTCDateTime, enum_column, utcnow
from wiki.extensions import db
from wiki.roles import StakeholderGroup

#: interface languages a user can choose
LOCALES = ("es", "en")


def new_session_token() -> str:
    """A random token; changing it ends every session and remember-me cookie of the user."""
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    """An account. Emails are stored lower-cased, so the unique constraint is case-insensitive."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint("length(email) >= 3", name="email_not_empty"),
        CheckConstraint("length(display_name) >= 1", name="display_name_not_empty"),
        CheckConstraint("locale IN ('es', 'en')", name="locale_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    stakeholder_group: Mapped[StakeholderGroup] = mapped_column(
        enum_column(StakeholderGroup, "stakeholder_group")
    )
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: a public account belongs to no committee: it reads and comments in consultations
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str] = mapped_column(String(2), default="es")
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the authenticator app's secret (base32), stored at enrolment and used once confirmed.
    #: Refactor: kept in clear like the session token; encrypting it at rest needs a key kept
    #: apart from the database.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    #: when the person confirmed the app with a code: two-step verification is on from then
    totp_confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the time step of the last code accepted; a code of that step or older is refused
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def has_two_factor(self) -> bool:
        return self.totp_confirmed_at is not None

    def get_id(self) -> str:
        # Flask-Login stores this in the session and the remember cookie, so a
        # new session_token invalidates both.
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class RecoveryCode(db.Model):
    """One single-use code that signs in when the authenticator app is not at hand."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the code (``totp.recovery_code_hash``); the code itself is shown once
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SignInChallenge(db.Model):
    """A sign-in whose password was right and whose second step is awaited.

    The browser's session holds only ``id``; what counts (the user, its age, the wrong codes
    so far) stays here, so replaying an older cookie gains no attempts.
    """

    __tablename__ = "sign_in_challenges"

    #: random and unguessable; the session cookie carries it
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: wrong codes sent for this sign-in
    failures: Mapped[int] = mapped_column(Integer, default=0)
