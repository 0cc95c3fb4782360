"""Changes to accounts. Each takes plain values, flushes, and leaves the commit to the caller."""

from sqlalchemy import func, select

from wiki.accounts.models import LOCALES, User, new_session_token
from wiki.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from wiki.audit.operations import record
from wiki.committees.roles import StakeholderGroup
from wiki.errors import Conflict, InvalidInput, NotFound
from wiki.extensions import db
from wiki.i18n import N_


def normalise_email(email: str) -> str:
    """Trim and lower-case; raise InvalidInput unless it looks like an address."""
    from email_validator import EmailNotValidError, validate_email

    email = (email or "").strip()
    try:
        checked = validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(N_("%(email)s is not a valid email address."), email=email) from exc
    return checked.normalized.lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def check_password_strength(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            N_("The password must have at least %(count)d characters."), count=MIN_PASSWORD_LENGTH
        )


def create_user(
    *,
    email: str,
    display_name: str,
    stakeholder_group: StakeholderGroup,
    password: str | None = None,
    is_admin: bool = False,
    is_public: bool = False,
    locale: str = "es",
    actor_id: int | None = None,
) -> User:
    """Create an account; without a password it can only be entered through an invite link."""
    email = normalise_email(email)
    display_name = (display_name or "").strip()
    if not display_name:
        raise InvalidInput(N_("A display name is required."))
    if locale not in LOCALES:
        raise InvalidInput(N_("Unknown language."))
    if db.session.scalar(select(func.count()).where(User.email == email)):
        raise Conflict(N_("An account with the email %(email)s already exists."), email=email)
    if password is not None:
        check_password_strength(password)
    user = User(
        email=email,
        display_name=display_name,
        stakeholder_group=stakeholder_group,
        password_hash=hash_password(password) if password is not None else None,
        is_admin=is_admin,
        is_public=is_public,
        locale=locale,
        active=True,
    )
    db.session.add(user)
    db.session.flush()
    record(
        "account.created",
        actor_id=actor_id,
        subject_type="user",
        subject_id=user.id,
        after={"email": email, "is_admin": is_admin, "group": str(stakeholder_group)},
    )
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None (the same for every failure)."""
    user = find_user_by_email(email or "")
    if user is None:
        verify_password(None, password or "")
        return None
    if not verify_password(user.password_hash, password or "") or not user.active:
        return None
    return user


def end_all_sessions(user: User) -> None:
    """Invalidate every session cookie and remember-me cookie of the user."""
    user.session_token = new_session_token()
    db.session.flush()


def set_password(user: User, new_password: str) -> None:
    """Store a new password and end the user's other sessions."""
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change one's own password after proving the current one."""
    if not verify_password(user.password_hash, current_password or ""):
        raise InvalidInput(N_("The current password is not correct."))
    set_password(user, new_password)
    record("account.password_changed", actor_id=user.id, subject_type="user", subject_id=user.id)


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(N_("No such user."))
    return user
