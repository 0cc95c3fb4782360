"""Publishing standards as numbered editions, withdrawing editions, and allocating codes.

Locks follow the order of ``wiki.locks``: the standard first, then its ballot or edition.
"""

import datetime as dt
from urllib.parse import urlsplit

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from wiki import events, permissions
from wiki.audit.operations import record_change
from wiki.ballots.queries import passed_ballot_on
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput, NotAllowed
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.publication.codes import MAX_EDITION, MAX_NUMBER, format_edition_code
from wiki.publication.lifecycle import EditionAction, EditionStatus, next_edition_status
from wiki.publication.models import CodeCounter, Edition
from wiki.publication.queries import next_edition_number, waiting_request
from wiki.publication.request_operations import (
    ONLY_PUBLISHERS,
    approved_revision,
    mark_published,
    may_publish,
)
from wiki.publication.snapshots import edition_snapshot
from wiki.standards.lifecycle import (
    StandardAction,
    StandardStatus,
    next_status,
    publication_move,
)
from wiki.standards.models import Standard
from wiki.standards.operations import lock_standard
from wiki.standards.placeholders import check_template_text
from wiki.standards.structure import Structure

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
#: longest value of each text field of the official act (the column sizes)
OFFICIAL_ACT_LENGTHS = {"approving_body": 200, "resolution_number": 100, "gazette_url": 500}
_DATES = ("approved_on", "gazette_published_on")
#: what an edition id that names no edition is told
NO_SUCH_EDITION = N_("No such edition.")
#: longest reason for withdrawing an edition
MAX_WITHDRAWAL_REASON = 2000

def allocate_code() -> int:
    """The next registry number, from a counter incremented atomically and never decremented.

    ``UPDATE … RETURNING`` takes the row lock on PostgreSQL and runs inside SQLite's
    exclusive write transaction, so two publications never get the same number. The
    migration creates the counter; should it be missing, it is created starting after the
    highest code in use, with ``INSERT … ON CONFLICT DO NOTHING`` so that concurrent
    creators make one row (no savepoint: other domains' after-commit hooks fire on those).
    """
    number = _increment_counter()
    if number is None:
        _create_counter()
        number = _increment_counter()
    if number is None:  # pragma: no cover - the row exists once _create_counter returns
        raise Conflict(N_("Could not allocate a code; try again."))
    if number > MAX_NUMBER:
        raise Conflict(N_("The registry has run out of codes."))
    return number


def _increment_counter() -> int | None:
    return db.session.execute(
        update(CodeCounter)
        .where(CodeCounter.name == CODE_COUNTER)
        .values(last_number=CodeCounter.last_number + 1)
        .returning(CodeCounter.last_number)
    ).scalar()


def _create_counter() -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    highest = select(func.coalesce(func.max(Standard.code_number), 0)).scalar_subquery()
    db.session.execute(
        insert(CodeCounter)
        .values(name=CODE_COUNTER, last_number=highest)
        .on_conflict_do_nothing(index_elements=[CodeCounter.name])
    )


def check_official_act(fields: dict, current: dict | None = None) -> dict:
    """The official-act fields cleaned; raises ``InvalidInput`` naming the field.

    ``current`` holds the values the edition has, so that the approval date is compared with
    a gazette date set earlier.
    """
    unknown = set(fields) - set(OFFICIAL_ACT_FIELDS)
    if unknown:
        raise InvalidInput(N_("Unknown field %(field)s."), field=sorted(unknown)[0])
    clean = {}
    for name, value in fields.items():
        if name in _DATES:
            if value is not None and (
                not isinstance(value, dt.date) or isinstance(value, dt.datetime)
            ):
                raise InvalidInput(N_("Enter a valid date."), field=name)
        else:
            value = (value or "").strip()
            if len(value) > OFFICIAL_ACT_LENGTHS[name]:
                raise InvalidInput(
                    N_("This is longer than %(limit)d characters."),
                    field=name,
                    limit=OFFICIAL_ACT_LENGTHS[name],
                )
            if name == "gazette_url" and value and not _is_web_address(value):
                raise InvalidInput(
                    N_("Enter the full address of the publication, starting with https://."),
                    field=name,
                )
        clean[name] = value
    merged = {**(current or {}), **clean}
    approved, gazette = merged.get("approved_on"), merged.get("gazette_published_on")
    if approved and gazette and gazette < approved:
        raise InvalidInput(
            N_("The gazette cannot publish the standard before the date it was approved."),
            field="gazette_published_on",
        )
    return clean


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("https", "http") and bool(parts.hostname) and " " not in value


def publish_edition(actor: Actor, standard_id: int, **official_act) -> Edition:
    """Publish the approved revision the chair asked for as the next edition, superseding the
    edition in force.

    Revisions saved after the approved one are the next edition's draft and stay as they are.
    The standard gets its code at its first publication. Raises ``NotAllowed`` unless the actor
    may publish (``may_publish``), ``InvalidInput`` for a bad official act, and ``Conflict``
    when no approved revision waits, the chair has not asked for it, or it still holds
    template text or lacks a required part (``wiki.standards.placeholders``).
    """
    standard = lock_standard(standard_id, changes_code=True)
    if not may_publish(actor, standard.committee_id):
        raise NotAllowed(ONLY_PUBLISHERS)
    official_act = check_official_act(official_act)
    revision = approved_revision(standard)
    request = waiting_request(standard.id)
    if request is None:
        raise Conflict(
            N_("The committee's chair has not asked for revision %(number)s to be published."),
            number=revision.number,
        )
    if request.revision_id != revision.id:
        raise Conflict(
            N_(
                "The chair asked for revision %(asked)s, but a later ballot approved revision "
                "%(approved)s. Send the request back so the chair can ask for the approved one."
            ),
            asked=request.revision.number,
            approved=revision.number,
        )
    check = check_template_text(revision.body_markdown, Structure.from_dict(revision.structure))
    if not check.passed:
        raise Conflict(
            N_(
                "Revision %(number)s still holds template text or lacks a required part "
                "(%(count)d to fix), so it cannot be published. Send the request back to the "
                "committee."
            ),
            number=revision.number,
            count=check.problems,
        )
    ballot = passed_ballot_on(revision.id)
    edition_number = next_edition_number(standard)
    if edition_number > MAX_EDITION:
        raise Conflict(N_("This standard has reached the last edition number."))
    status_before = standard.status
    standard.status = next_status(standard.status, publication_move(standard.status))
    if standard.code_number is None:
        standard.code_number = allocate_code()
    now = utcnow()
    previous = standard.current_edition
    superseded = previous is not None and previous.status == EditionStatus.CURRENT
    if superseded:
        previous.status = next_edition_status(previous.status, EditionAction.SUPERSEDE)
        previous.superseded_at = now
    edition = Edition(
        standard_id=standard.id,
        revision_id=revision.id,
        edition_number=edition_number,
        code=format_edition_code(standard.code_number, edition_number),
        status=EditionStatus.CURRENT,
        published_at=now,
        published_by_id=actor.user_id,
        **edition_snapshot(standard, revision),
        **official_act,
    )
    db.session.add(edition)
    db.session.flush()
    standard.current_edition_id = edition.id
    standard.approved_revision_id = None
    mark_published(request, edition, actor)
    db.session.flush()
    if superseded:
        record_change(
            actor, "edition.superseded", previous,
            before={"status": str(EditionStatus.CURRENT), "edition": previous.code},
            after={"status": str(previous.status), "edition": previous.code, "by": edition.code},
        )
    record_change(
        actor, "edition.published", edition,
        before={"status": str(status_before), "edition": previous.code if previous else None},
        after={
            "status": str(standard.status),
            "edition": edition.code,
            "revision": revision.number,
            "ballot": ballot.id,
        },
    )
    events.edition_published.send(standard, edition=edition)
    return edition


def withdraw_edition(actor: Actor, edition_id: int, reason: str) -> Edition:
    """Withdraw the edition in force, with a reason; it stays readable, marked withdrawn.

    When no new draft is in progress the standard is retired with it (``WITHDRAWN``); a
    draft in progress carries on and may be published as the next edition.
    """
    edition = lock_row(
        Edition, edition_id, NO_SUCH_EDITION, standard_first=True, key_share=True
    )
    standard = edition.standard
    if not permissions.can_withdraw(actor):
        raise NotAllowed(N_("Only the agency's administrators may withdraw an edition."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(N_("Withdrawing an edition needs a reason."), field="reason")
    if len(reason) > MAX_WITHDRAWAL_REASON:
        raise InvalidInput(
            N_("The reason is longer than %(limit)d characters."),
            field="reason",
            limit=MAX_WITHDRAWAL_REASON,
        )
    if edition.status != EditionStatus.CURRENT:
        raise Conflict(
            N_("Only the edition in force can be withdrawn, and %(code)s is no longer in force."),
            code=edition.code,
        )
    before = {"status": str(edition.status), "standard": str(standard.status)}
    edition.status = next_edition_status(edition.status, EditionAction.WITHDRAW)
    edition.withdrawn_at = utcnow()
    edition.withdrawn_reason = reason
    if standard.current_edition_id == edition.id and standard.status == StandardStatus.PUBLISHED:
        standard.status = next_status(standard.status, StandardAction.WITHDRAW)
    db.session.flush()
    record_change(
        actor, "edition.withdrawn", edition,
        before=before,
        after={
            "status": str(edition.status),
            "standard": str(standard.status),
            "edition": edition.code,
            "revision": edition.revision.number,
        },
        reason=reason,
    )
    events.edition_withdrawn.send(standard, edition=edition)
    return edition


def update_official_act(actor: Actor, edition_id: int, **fields) -> Edition:
    """Admins correct the record of the official act; the edition's text is untouched."""
    if not permissions.can_edit_official_act(actor):
        raise NotAllowed(N_("Only administrators may edit the official act of an edition."))
    edition = lock_row(
        Edition, edition_id, NO_SUCH_EDITION, standard_first=True, key_share=True
    )
    current = {name: getattr(edition, name) for name in OFFICIAL_ACT_FIELDS}
    fields = check_official_act(fields, current)
    changed = {name: value for name, value in fields.items() if current[name] != value}
    if not changed:
        return edition
    for name, value in changed.items():
        setattr(edition, name, value)
    db.session.flush()
    record_change(
        actor, "edition.official_act_changed", edition,
        before={"edition": edition.code, **{name: _plain(current[name]) for name in changed}},
        after={"edition": edition.code, **{name: _plain(value) for name, value in changed.items()}},
    )
    return edition


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value
