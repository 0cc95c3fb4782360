"""The life cycle of a standard: a table of allowed moves.

A standard has one ``StandardStatus`` describing its work in progress: the draft, its consultation,
its ballot, its approval. Each published edition (``EC0217.01``) has its own ``EditionStatus``
(``wiki.publication.lifecycle``).
So a standard with a current edition and a new draft in progress is ``DRAFT`` (or ``CONSULTATION``,
``BALLOT``, ``APPROVED``) while that edition stays ``CURRENT``; publishing the new draft makes the
standard ``PUBLISHED`` again and the operation supersedes the old edition. ``PUBLISHED`` therefore
means "an edition is in force and no draft is in progress".

Approval belongs to one revision, not to the status: a ballot that passes records its revision
as the standard's approved revision (``Standard.approved_revision_id``). A revision saved after
it starts the next edition's draft (``REOPEN``: back to ``DRAFT``) while the approved revision
waits; publication takes the approved revision whatever was saved since. Publishing from
``APPROVED`` (nothing saved since) makes the standard ``PUBLISHED``; publishing while the next
draft is in progress (``PUBLISH_WHILE_DRAFTING``) leaves that draft's status as it is.
"""

import enum
from collections.abc import Mapping
from types import MappingProxyType

from wiki.errors import InvalidTransition


class StandardStatus(enum.StrEnum):
    """Where a standard's work in progress stands."""

    #: being written; revisions may be saved
    DRAFT = "draft"
    #: a dated public comment window is open on the draft
    CONSULTATION = "consultation"
    #: a ballot is open on one exact revision of the draft
    BALLOT = "ballot"
    #: the ballot passed; waiting for publication of the edition
    APPROVED = "approved"
    #: an edition is in force and no new draft is in progress
    PUBLISHED = "published"
    #: retired for good; its editions stay readable in the historical list
    WITHDRAWN = "withdrawn"


class StandardAction(enum.StrEnum):
    """A move in a standard's life cycle."""

    #: open a public comment window on the draft
    OPEN_CONSULTATION = "open_consultation"
    #: close the comment window; comments then get their dispositions
    CLOSE_CONSULTATION = "close_consultation"
    #: put one revision of the draft to the committee's vote
    OPEN_BALLOT = "open_ballot"
    #: the chair withdrew the ballot before it closed
    CANCEL_BALLOT = "cancel_ballot"
    #: the ballot closed with consensus
    BALLOT_PASSED = "ballot_passed"
    #: the ballot closed without consensus
    BALLOT_FAILED = "ballot_failed"
    #: the draft changed after votes were cast, so the ballot no longer applies
    BALLOT_STALE = "ballot_stale"
    #: a revision saved after approval starts the next edition's draft; the approved
    #: revision still waits for publication
    REOPEN = "reopen"
    #: publish the approved revision, the newest one, as a new edition
    PUBLISH = "publish"
    #: publish the approved revision while the next edition's draft goes on after it
    PUBLISH_WHILE_DRAFTING = "publish_while_drafting"
    #: start revising a published standard; its current edition stays in force
    NEW_DRAFT = "new_draft"
    #: retire the standard (and any draft in progress)
    WITHDRAW = "withdraw"


S, A = StandardStatus, StandardAction

#: every allowed move; anything not listed raises ``InvalidTransition``
TRANSITIONS: Mapping[tuple[StandardStatus, StandardAction], StandardStatus] = MappingProxyType(
    {
        (S.DRAFT, A.OPEN_CONSULTATION): S.CONSULTATION,
        (S.DRAFT, A.OPEN_BALLOT): S.BALLOT,
        # A committee may abandon a draft, whether or not an edition is in force.
        (S.DRAFT, A.WITHDRAW): S.WITHDRAWN,
        (S.CONSULTATION, A.CLOSE_CONSULTATION): S.DRAFT,
        (S.BALLOT, A.CANCEL_BALLOT): S.DRAFT,
        (S.BALLOT, A.BALLOT_PASSED): S.APPROVED,
        (S.BALLOT, A.BALLOT_FAILED): S.DRAFT,
        (S.BALLOT, A.BALLOT_STALE): S.DRAFT,
        (S.APPROVED, A.PUBLISH): S.PUBLISHED,
        # An earlier approved revision is published; the next draft keeps its status.
        (S.DRAFT, A.PUBLISH_WHILE_DRAFTING): S.DRAFT,
        (S.CONSULTATION, A.PUBLISH_WHILE_DRAFTING): S.CONSULTATION,
        (S.BALLOT, A.PUBLISH_WHILE_DRAFTING): S.BALLOT,
        (S.APPROVED, A.REOPEN): S.DRAFT,
        (S.PUBLISHED, A.NEW_DRAFT): S.DRAFT,
        (S.PUBLISHED, A.WITHDRAW): S.WITHDRAWN,
    }
)

del S, A


def next_in_table(table: Mapping, status: object, action: object, *, subject: str):
    """The status ``table`` gives for ``action`` from ``status``; raises ``InvalidTransition``
    naming the ``subject`` ("a standard") if the table has no such move.

    ``status`` and ``action`` may be plain strings: they are read as the enums of the table's keys.
    """
    status_type, action_type = (type(member) for member in next(iter(table)))
    try:
        return table[status_type(status), action_type(action)]
    except (KeyError, ValueError):
        raise InvalidTransition(
            f"Cannot {_words(action)} {subject} whose status is {_words(status)}.",
            status=status,
            action=action,
        ) from None


def next_status(status: StandardStatus, action: StandardAction) -> StandardStatus:
    """The status after ``action``; raises ``InvalidTransition`` if the table has no such move."""
    return next_in_table(TRANSITIONS, status, action, subject="a standard")


def publication_move(status: StandardStatus) -> StandardAction:
    """The move that publishes the approved revision from ``status``.

    ``APPROVED`` means nothing was saved after the approved revision: the standard is then
    ``PUBLISHED``. Any other status is the next edition's draft, which publication leaves alone.
    """
    if StandardStatus(status) is StandardStatus.APPROVED:
        return StandardAction.PUBLISH
    return StandardAction.PUBLISH_WHILE_DRAFTING


def allowed_actions(status: StandardStatus) -> frozenset[StandardAction]:
    """The actions the table allows from ``status`` (empty for terminal statuses)."""
    return frozenset(action for (source, action) in TRANSITIONS if source == status)


def is_terminal(status: StandardStatus) -> bool:
    """Whether no action leads out of ``status``."""
    return not allowed_actions(status)


def _words(value: object) -> str:
    return str(value).replace("_", " ")
