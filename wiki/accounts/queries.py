"""Reading accounts: the administrators' list of users and its counts."""

import enum

from sqlalchemy import and_, func, or_, select

from wiki.accounts.models import User
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.pagination import Page, paginate

#: what a user id that names no account is told
NO_SUCH_USER = N_("No such user.")


class AccountState(enum.StrEnum):
    """Where an account stands, as the administrators' list filters it."""

    #: can log in
    ACTIVE = "active"
    #: invited or registered, but no password chosen yet
    PENDING = "pending"
    #: stopped by an administrator
    DEACTIVATED = "deactivated"


def account_state(user: User) -> AccountState:
    if not user.active:
        return AccountState.DEACTIVATED
    return AccountState.ACTIVE if user.password_hash else AccountState.PENDING


#: ``account_state`` as SQL conditions, for the list filter and the dashboard counts
STATE_CONDITIONS = {
    AccountState.ACTIVE: and_(User.active.is_(True), User.password_hash.is_not(None)),
    AccountState.PENDING: and_(User.active.is_(True), User.password_hash.is_(None)),
    AccountState.DEACTIVATED: User.active.is_(False),
}


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(NO_SUCH_USER)
    return user


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def may_reset_password(user: User) -> bool:
    """Whether the owner may choose a new password through a mailed link: an active account
    that has a password (invited and unconfirmed accounts use their own links)."""
    return user.active and user.password_hash is not None


def users_page(*, search: str = "", state: str = "", page: int = 1, per_page: int = 50) -> Page:
    """One page of accounts by name, optionally filtered by a name or email fragment and state."""
    query = select(User).order_by(func.lower(User.display_name), User.id)
    search = (search or "").strip()
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(
                User.email.ilike(pattern, escape="\\"),
                User.display_name.ilike(pattern, escape="\\"),
            )
        )
    if state in STATE_CONDITIONS:
        query = query.where(STATE_CONDITIONS[state])
    elif state == "public":
        query = query.where(User.is_public.is_(True))
    elif state == "admin":
        query = query.where(User.is_admin.is_(True))
    return paginate(query, page=page, per_page=per_page)


def account_counts() -> dict[str, int]:
    """Numbers for the administrators' dashboard."""
    row = db.session.execute(
        select(*(func.count().filter(c) for c in STATE_CONDITIONS.values())).select_from(User)
    ).one()
    return {state.value: number for state, number in zip(STATE_CONDITIONS, row, strict=True)}


def users_by_id(user_ids) -> dict[int, User]:
    """The users with these ids, in one query."""
    if not user_ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
