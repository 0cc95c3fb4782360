"""Publishing standards as numbered editions, withdrawing editions, and allocating codes."""

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from wiki import events, permissions
from wiki.audit.operations import record
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot, CodeCounter
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed, NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.permissions import Actor
from wiki.standards.codes import MAX_EDITION, MAX_NUMBER, format_edition_code
from wiki.standards.lifecycle import (
    EditionAction,
    EditionStatus,
    StandardAction,
    StandardStatus,
    next_edition_status,
    next_status,
)
from wiki.standards.models import Edition, Standard

#: the counter row behind EC codes
CODE_COUNTER = "standard_codes"

#: official-act fields an admin may edit after publication; the text never changes
OFFICIAL_ACT_FIELDS = (
    "approving_body",
    "resolution_number",
    "approved_on",
    "gazette_published_on",
    "gazette_url",
)


def allocate_code() -> int:
    """The next registry number, from a counter incremented atomically and never decremented.

    ``UPDATE … RETURNING`` takes the row lock on PostgreSQL and runs inside SQLite's
    exclusive write transaction, so two publications never get the same number.
    """
    for _ in range(2):
        number = db.session.execute(
            update(CodeCounter)
            .where(CodeCounter.name == CODE_COUNTER)
            .values(last_number=CodeCounter.last_number + 1)
            .returning(CodeCounter.last_number)
        ).scalar()
        if number is not None:
            break
        # First publication ever: create the counter, starting after any code in use.
        highest = db.session.scalar(select(func.max(Standard.code_number))) or 0
        try:
            with db.session.begin_nested():
                db.session.add(CodeCounter(name=CODE_COUNTER, last_number=highest))
        except IntegrityError:
            pass  # another transaction created it first; increment theirs
    else:  # pragma: no cover - the loop always finds the row on its second pass
        raise Conflict(N_("Could not allocate a code; try again."))
    if number > MAX_NUMBER:
        raise Conflict(N_("The registry has run out of codes."))
    return number


def _passed_ballot_on_head(standard: Standard) -> Ballot | None:
    return db.session.execute(
        select(Ballot)
        .where(
            Ballot.standard_id == standard.id,
            Ballot.revision_id == standard.head_revision_id,
            Ballot.status == BallotStatus.PASSED,
        )
        .order_by(Ballot.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _check_official_act(fields: dict) -> dict:
    unknown = set(fields) - set(OFFICIAL_ACT_FIELDS)
    if unknown:
        raise InvalidInput(N_("Unknown field %(field)s."), field=sorted(unknown)[0])
    clean = {}
    for name, value in fields.items():
        if name in ("approved_on", "gazette_published_on"):
            if value is not None and not isinstance(value, dt.date):
                raise InvalidInput(N_("%(field)s must be a date."), field=name)
        else:
            value = (value or "").strip()
            if name == "gazette_url" and value and not value.startswith(("https://", "http://")):
                raise InvalidInput(N_("The gazette link must start with https:// or http://."))
        clean[name] = value
    return clean


def publish_edition(actor: Actor, standard_id: int, **official_act) -> Edition:
    """Publish the approved head revision as the next edition, superseding the current one.

    Raises ``NotAllowed`` unless chair or admin, ``Conflict`` unless a ballot on exactly
    this revision passed and the standard is approved.
    """
    standard = db.session.execute(
        select(Standard)
        .where(Standard.id == standard_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if standard is None:
        raise NotFound(N_("No such standard."))
    if not permissions.can_publish(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair or an administrator may publish."))
    official_act = _check_official_act(official_act)
    if _passed_ballot_on_head(standard) is None:
        raise Conflict(N_("No ballot on the current revision has passed; it cannot be published."))
    status_before = standard.status
    standard.status = next_status(standard.status, StandardAction.PUBLISH)
    if standard.code_number is None:
        standard.code_number = allocate_code()
    previous = standard.current_edition
    edition_number = (
        db.session.scalar(
            select(func.max(Edition.edition_number)).where(Edition.standard_id == standard.id)
        )
        or 0
    ) + 1
    if edition_number > MAX_EDITION:
        raise Conflict(N_("This standard has reached the last edition number."))
    now = utcnow()
    if previous is not None and previous.status == EditionStatus.CURRENT:
        previous.status = next_edition_status(previous.status, EditionAction.SUPERSEDE)
        previous.superseded_at = now
    edition = Edition(
        standard_id=standard.id,
        revision_id=standard.head_revision_id,
        edition_number=edition_number,
        code=format_edition_code(standard.code_number, edition_number),
        status=EditionStatus.CURRENT,
        published_at=now,
        published_by_id=actor.user_id,
        review_period_years=standard.review_period_years,
        **official_act,
    )
    db.session.add(edition)
    db.session.flush()
    standard.current_edition_id = edition.id
    db.session.flush()
    record(
        "edition.published",
        actor_id=actor.user_id,
        subject_type="edition",
        subject_id=edition.id,
        committee_id=standard.committee_id,
        standard_id=standard.id,
        before={"status": str(status_before), "edition": previous.code if previous else None},
        after={"status": str(standard.status), "edition": edition.code},
    )
    events.edition_published.send(standard, edition=edition)
    return edition


def withdraw_edition(actor: Actor, edition_id: int, reason: str) -> Edition:
    """Withdraw a current edition, with a reason; it stays readable, marked withdrawn."""
    edition = db.session.get(Edition, edition_id, with_for_update=True)
    if edition is None:
        raise NotFound(N_("No such edition."))
    standard = edition.standard
    if not permissions.can_publish(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair or an administrator may withdraw."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(N_("Withdrawing an edition needs a reason."))
    before = str(edition.status)
    edition.status = next_edition_status(edition.status, EditionAction.WITHDRAW)
    edition.withdrawn_at = utcnow()
    edition.withdrawn_reason = reason
    if standard.current_edition_id == edition.id and standard.status == StandardStatus.PUBLISHED:
        standard.status = next_status(standard.status, StandardAction.WITHDRAW)
    db.session.flush()
    record(
        "edition.withdrawn",
        actor_id=actor.user_id,
        subject_type="edition",
        subject_id=edition.id,
        committee_id=standard.committee_id,
        standard_id=standard.id,
        before={"status": before},
        after={"status": str(edition.status)},
        reason=reason,
    )
    events.edition_withdrawn.send(standard, edition=edition)
    return edition


def update_official_act(actor: Actor, edition_id: int, **fields) -> Edition:
    """Admins correct the record of the official act; the edition's text is untouched."""
    if not permissions.can_administer(actor):
        raise NotAllowed(N_("Only administrators may edit the official act of an edition."))
    edition = db.session.get(Edition, edition_id)
    if edition is None:
        raise NotFound(N_("No such edition."))
    fields = _check_official_act(fields)
    before = {name: _plain(getattr(edition, name)) for name in fields}
    for name, value in fields.items():
        setattr(edition, name, value)
    db.session.flush()
    record(
        "edition.official_act_changed",
        actor_id=actor.user_id,
        subject_type="edition",
        subject_id=edition.id,
        committee_id=edition.standard.committee_id,
        standard_id=edition.standard_id,
        before=before,
        after={name: _plain(value) for name, value in fields.items()},
    )
    return edition


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value
