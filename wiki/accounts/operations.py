"""Changes to accounts. Each takes plain values, flushes, and leaves the commit to the caller."""

from flask import current_app
from sqlalchemy import func, select

from wiki import permissions
from wiki.accounts.models import LOCALES, User, new_session_token
from wiki.accounts.password_strength import (
    MESSAGES,
    MIN_PASSWORD_LENGTH,
    password_weakness,
    personal_words,
)
from wiki.accounts.passwords import hash_password, needs_rehash, verify_password
from wiki.accounts.queries import NO_SUCH_USER, find_user_by_email, may_reset_password
from wiki.accounts.tokens import LINK_USED, TokenInvalid, account_fingerprint
from wiki.accounts.two_factor import end_sign_in_challenges
from wiki.audit.operations import record_change
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.roles import VOTING_GROUPS, StakeholderGroup


def normalise_email(email: str) -> str:
    """Trim and lower-case; raise InvalidInput unless it looks like an address."""
    from email_validator import EmailNotValidError, validate_email

    email = (email or "").strip()
    try:
        checked = validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(
            N_("%(email)s is not a valid email address."), email=email, field="email"
        ) from exc
    return checked.normalized.lower()


def check_password_strength(password: str, *, display_name: str = "", email: str = "") -> None:
    """Raise InvalidInput (on the field ``password``) saying why the password is refused.

    The minimum zxcvbn score is the setting ``PASSWORD_MIN_SCORE``.
    """
    weakness = password_weakness(
        password or "",
        personal=personal_words(display_name=display_name, email=email),
        min_score=current_app.config["PASSWORD_MIN_SCORE"],
    )
    if weakness is not None:
        raise InvalidInput(MESSAGES[weakness], count=MIN_PASSWORD_LENGTH, field="password")


def _clean_display_name(display_name: str | None) -> str:
    display_name = (display_name or "").strip()
    if not display_name:
        raise InvalidInput(N_("A display name is required."))
    return display_name


def _check_locale(locale: str) -> None:
    if locale not in LOCALES:
        raise InvalidInput(N_("Unknown language."))


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
    display_name = _clean_display_name(display_name)
    _check_locale(locale)
    if db.session.scalar(select(func.count()).where(User.email == email)):
        raise Conflict(
            N_("An account with the email %(email)s already exists."), email=email, field="email"
        )
    if password is not None:
        check_password_strength(password, display_name=display_name, email=email)
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
    record_change(
        actor_id, "account.created", user,
        after={"email": email, "is_admin": is_admin, "group": str(stakeholder_group)},
    )
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None (the same for every failure).

    A hash made with other argon2 parameters than the configured ones is replaced by a new
    hash of the same password (the caller commits).
    """
    user = find_user_by_email(email or "")
    if user is None:
        verify_password(None, password or "")
        return None
    if not verify_password(user.password_hash, password or "") or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.flush()
    return user


def record_login(user: User) -> None:
    """Note when the user last logged in."""
    user.last_login_at = utcnow()
    db.session.flush()


def end_all_sessions(user: User) -> None:
    """Invalidate every session cookie and remember-me cookie, and every pending sign-in."""
    user.session_token = new_session_token()
    end_sign_in_challenges(user)
    db.session.flush()


def set_password(user: User, new_password: str) -> None:
    """Store a new password and end the user's other sessions."""
    check_password_strength(new_password, display_name=user.display_name, email=user.email)
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change one's own password after proving the current one."""
    if not verify_password(user.password_hash, current_password or ""):
        raise InvalidInput(N_("The current password is not correct."))
    set_password(user, new_password)
    record_change(user.id, "account.password_changed", user)


def reset_forgotten_password(user_id: int, fingerprint: str, new_password: str) -> User:
    """Set the new password the owner chose through a reset link; every session ends.

    ``fingerprint`` is the link's; raises ``TokenInvalid`` when it no longer matches (the
    link was used meanwhile, or the account changed), and ``InvalidInput`` for a weak password.
    """
    user = lock_row(User, user_id, NO_SUCH_USER)
    if not may_reset_password(user) or fingerprint != account_fingerprint(
        user.password_hash, user.session_token
    ):
        raise TokenInvalid(LINK_USED)
    set_password(user, new_password)
    record_change(user.id, "account.password_reset_by_link", user)
    return user


#: why an account cannot be deactivated (False) or reactivated (True) again
_ALREADY = {
    False: N_("The account of %(name)s is already deactivated."),
    True: N_("The account of %(name)s is already active."),
}


def _require_admin(actor: Actor) -> None:
    if not permissions.can_administer(actor):
        raise NotAllowed(N_("Only agency administrators can manage accounts."))


def invite_user(
    actor: Actor,
    *,
    email: str,
    display_name: str,
    stakeholder_group: StakeholderGroup,
    is_admin: bool = False,
    locale: str = "es",
) -> User:
    """Create an account without a password; the invite link lets the person choose one.

    Raises Conflict when the email is taken and InvalidInput when it is not an address.
    """
    _require_admin(actor)
    user = create_user(
        email=email,
        display_name=display_name,
        stakeholder_group=StakeholderGroup(stakeholder_group),
        is_admin=is_admin,
        locale=locale,
        actor_id=actor.user_id,
    )
    record_change(
        actor, "account.invited", user,
        after={"email": user.email, "display_name": user.display_name},
    )
    return user


def reset_password(actor: Actor, user_id: int) -> User:
    """Clear the password and end every session; the caller sends a new invite link."""
    _require_admin(actor)
    user = lock_row(User, user_id, NO_SUCH_USER)
    if not user.active:
        raise Conflict(
            N_("The account of %(name)s is deactivated. Reactivate it before sending a new "
               "invitation."),
            name=user.display_name,
        )
    had_password = user.password_hash is not None
    user.password_hash = None
    end_all_sessions(user)
    record_change(
        actor, "account.password_reset", user,
        before={"password_set": had_password},
        after={"password_set": user.password_hash is not None},
    )
    return user


def set_account_active(actor: Actor, user_id: int, active: bool) -> User:
    """Deactivate an account, or let a deactivated one log in again.

    A deactivated account cannot log in and has no rights, its sessions are ended, and its past
    work keeps its name; reactivated, its committee seats apply again. Raises ``Conflict`` when
    the account already is so, or when administrators would deactivate themselves.
    """
    _require_admin(actor)
    user = lock_row(User, user_id, NO_SUCH_USER)
    if not active and user.id == actor.user_id:
        raise Conflict(N_("You cannot deactivate your own account. Ask another administrator."))
    if user.active == active:
        raise Conflict(_ALREADY[active], name=user.display_name)
    user.active = active
    if not active:
        end_all_sessions(user)
    db.session.flush()
    record_change(
        actor, "account.reactivated" if active else "account.deactivated", user,
        before={"active": not active}, after={"active": active},
    )
    return user


def update_profile(actor: Actor, user_id: int, *, display_name: str, locale: str) -> User:
    """Change one's own display name and preferred language."""
    if not permissions.can_edit_profile(actor, user_id):
        raise NotAllowed(N_("You can only change your own account."))
    user = lock_row(User, user_id, NO_SUCH_USER)
    display_name = _clean_display_name(display_name)
    if len(display_name) > 120:
        raise InvalidInput(N_("The display name is longer than %(limit)d characters."), limit=120)
    _check_locale(locale)
    new = {"display_name": display_name, "locale": locale}
    changed = {key: value for key, value in new.items() if getattr(user, key) != value}
    if not changed:
        return user
    before = {key: getattr(user, key) for key in changed}
    for key, value in changed.items():
        setattr(user, key, value)
    db.session.flush()
    record_change(actor, "account.profile_changed", user, before=before, after=changed)
    return user


def register_public_account(
    *, email: str, display_name: str, stakeholder_group: StakeholderGroup, locale: str = "es"
) -> tuple[User, bool]:
    """A public account awaiting confirmation of its email; (user, False) if the email is taken.

    The account has no password until the confirmation link sets one, so nobody can log in
    with an address they do not control.
    """
    group = StakeholderGroup(stakeholder_group)
    if group not in VOTING_GROUPS:
        raise InvalidInput(N_("Choose the sector you come from."))
    existing = find_user_by_email(normalise_email(email))
    if existing is not None:
        return existing, False
    user = create_user(
        email=email,
        display_name=display_name,
        stakeholder_group=group,
        is_public=True,
        locale=locale,
    )
    record_change(None, "account.registered", user, after={"email": user.email, "public": True})
    return user, True


def confirm_public_account(user: User, password: str) -> None:
    """The registrant proved the address by following the link and chose a password."""
    set_password(user, password)
    record_change(
        user.id, "account.confirmed", user, after={"password_set": user.password_hash is not None}
    )
