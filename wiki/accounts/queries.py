"""Reading accounts: the admin list of users, and recent work shown on a profile."""

import enum

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import defer, joinedload

from wiki.accounts.models import User
from wiki.ballots.models import Ballot, Vote
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.pagination import Page, paginate
from wiki.permissions import Actor
from wiki.standards.models import Revision, Standard

#: how many revisions and votes a profile lists
RECENT_LIMIT = 20
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


def _readable(query, actor: Actor):
    """Only work on standards whose drafts the actor may read (their committees; admins: all)."""
    if actor.is_admin:
        return query
    return query.where(Standard.committee_id.in_(actor.committee_ids))


def recent_revisions(actor: Actor, user_id: int) -> list[Revision]:
    query = (
        select(Revision)
        .join(Standard, Revision.standard_id == Standard.id)
        .options(
            defer(Revision.body_markdown),
            defer(Revision.body_html),
            defer(Revision.structure),
            defer(Revision.toc),
            joinedload(Revision.standard),
        )
        .where(Revision.author_id == user_id)
        .order_by(Revision.created_at.desc(), Revision.id.desc())
        .limit(RECENT_LIMIT)
    )
    return list(db.session.scalars(_readable(query, actor)))


def recent_votes(actor: Actor, user_id: int) -> list[Vote]:
    query = (
        select(Vote)
        .join(Ballot, Vote.ballot_id == Ballot.id)
        .join(Standard, Ballot.standard_id == Standard.id)
        .options(
            joinedload(Vote.ballot)
            .load_only(Ballot.id, Ballot.standard_id)
            .joinedload(Ballot.standard)
            .load_only(Standard.id, Standard.title)
        )
        .where(Vote.user_id == user_id)
        .order_by(Vote.cast_at.desc(), Vote.id.desc())
        .limit(RECENT_LIMIT)
    )
    return list(db.session.scalars(_readable(query, actor)))
