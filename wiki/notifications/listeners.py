"""Domain events turned into notifications: one listener per event, one mechanism for all.

Listeners run inside the transaction that sent the event, so a notification exists exactly when
its cause does. Each decides who should hear of the event (watchers, participants, mentioned
people, the committee, its voters) and who may read about it (``audience``). Importing this
module connects nothing: ``create_app`` calls ``register_listeners``.
"""

from collections.abc import Callable
from functools import partial

from blinker import Signal
from sqlalchemy import func, select

from wiki import events, permissions
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot, Vote
from wiki.comments.access import thread_readers
from wiki.comments.models import Comment, Thread
from wiki.consultations.models import Consultation
from wiki.extensions import db
from wiki.notifications.audience import admin_ids, chair_ids, committee_member_ids
from wiki.notifications.kinds import NotificationKind as K
from wiki.notifications.operations import notify, start_watching
from wiki.notifications.queries import watcher_ids
from wiki.publication.models import Edition, PublicationRequest
from wiki.standards.models import Revision, Standard

#: each listener with the event it listens to, connected by ``register_listeners``
_LISTENERS: list[tuple[Signal, Callable]] = []


def _listens_to(signal: Signal):
    def add(listener: Callable) -> Callable:
        _LISTENERS.append((signal, listener))
        return listener

    return add


def register_listeners() -> None:
    """Connect every listener to its event.

    Connecting again changes nothing (blinker keeps one connection per receiver), so each app
    built in one process (the tests build several) may call it.
    """
    for signal, listener in _LISTENERS:
        signal.connect(listener)


def _drafts_readers(committee_id: int):
    return partial(permissions.can_read_drafts, committee_id=committee_id)


def _everyone(actor) -> bool:
    return True


@_listens_to(events.revision_saved)
def _revision_saved(standard: Standard, revision: Revision, **_) -> None:
    start_watching(revision.author_id, standard.id)
    notify(
        K.REVISION_SAVED,
        watcher_ids(standard.id),
        audience=_drafts_readers(standard.committee_id),
        actor_id=revision.author_id,
        standard_id=standard.id,
        revision_id=revision.id,
    )


@_listens_to(events.comment_saved)
def _comment_saved(
    standard: Standard,
    thread: Thread,
    comment: Comment,
    created: bool,
    new_mentions: frozenset[int],
    **_,
) -> None:
    audience = thread_readers(thread)
    subject = {"standard_id": standard.id, "thread_id": thread.id, "comment_id": comment.id}
    author = comment.author_id
    told = set(new_mentions)
    notify(K.MENTION, told, audience=audience, actor_id=author, **subject)
    if not created:
        return
    start_watching(author, standard.id)
    if comment.disposition is not None:
        notify(
            K.DISPOSITION, {thread.author_id} - told, audience=audience, actor_id=author, **subject
        )
        told.add(thread.author_id)
    root_id = db.session.scalar(select(func.min(Comment.id)).where(Comment.thread_id == thread.id))
    watchers = set(watcher_ids(standard.id))
    if comment.id == root_id:
        notify(K.THREAD_STARTED, watchers - told, audience=audience, actor_id=author, **subject)
        return
    participants = set(
        db.session.execute(
            select(Comment.author_id).where(Comment.thread_id == thread.id).distinct()
        ).scalars()
    )
    notify(K.REPLY, (participants | watchers) - told, audience=audience, actor_id=author, **subject)


@_listens_to(events.consultation_opened)
def _consultation_opened(standard: Standard, consultation: Consultation, **_) -> None:
    notify(
        K.CONSULTATION_OPENED,
        set(committee_member_ids(standard.committee_id)) | set(watcher_ids(standard.id)),
        audience=_everyone,
        actor_id=consultation.opened_by_id,
        standard_id=standard.id,
        consultation_id=consultation.id,
    )


@_listens_to(events.consultation_closed)
def _consultation_closed(standard: Standard, consultation: Consultation, **_) -> None:
    commenters = db.session.execute(
        select(Comment.author_id)
        .join(Thread, Thread.id == Comment.thread_id)
        .where(Thread.consultation_id == consultation.id)
        .distinct()
    ).scalars()
    notify(
        K.CONSULTATION_CLOSED,
        set(committee_member_ids(standard.committee_id)) | set(commenters),
        audience=_everyone,
        actor_id=consultation.closed_by_id,
        standard_id=standard.id,
        consultation_id=consultation.id,
    )


def _ballot_subject(standard: Standard, ballot: Ballot) -> dict:
    return {"standard_id": standard.id, "ballot_id": ballot.id}


@_listens_to(events.ballot_opened)
def _ballot_opened(standard: Standard, ballot: Ballot, **_) -> None:
    voters = committee_member_ids(standard.committee_id, voting_only=True)
    notify(
        K.BALLOT_OPENED,
        set(voters) | set(watcher_ids(standard.id)),
        audience=_drafts_readers(standard.committee_id),
        actor_id=ballot.opened_by_id,
        **_ballot_subject(standard, ballot),
    )


@_listens_to(events.ballot_closing_soon)
def _ballot_closing_soon(standard: Standard, ballot: Ballot, **_) -> None:
    voted = set(
        db.session.execute(select(Vote.user_id).where(Vote.ballot_id == ballot.id)).scalars()
    )
    voters = set(committee_member_ids(standard.committee_id, voting_only=True))
    notify(
        K.BALLOT_CLOSING_SOON,
        voters - voted,
        audience=partial(permissions.can_vote, committee_id=standard.committee_id),
        **_ballot_subject(standard, ballot),
    )


@_listens_to(events.ballot_closed)
def _ballot_closed(standard: Standard, ballot: Ballot, **_) -> None:
    kind = K.BALLOT_STALE if ballot.status == BallotStatus.STALE else K.BALLOT_CLOSED
    notify(
        kind,
        set(committee_member_ids(standard.committee_id)) | set(watcher_ids(standard.id)),
        audience=_drafts_readers(standard.committee_id),
        actor_id=ballot.closed_by_id,
        **_ballot_subject(standard, ballot),
    )


def _edition_event(kind: K, standard: Standard, edition: Edition, actor_id: int | None) -> None:
    notify(
        kind,
        set(committee_member_ids(standard.committee_id)) | set(watcher_ids(standard.id)),
        audience=_everyone,
        actor_id=actor_id,
        standard_id=standard.id,
        edition_id=edition.id,
    )


@_listens_to(events.edition_published)
def _edition_published(standard: Standard, edition: Edition, **_) -> None:
    _edition_event(K.EDITION_PUBLISHED, standard, edition, edition.published_by_id)


@_listens_to(events.edition_withdrawn)
def _edition_withdrawn(standard: Standard, edition: Edition, **_) -> None:
    _edition_event(K.EDITION_WITHDRAWN, standard, edition, None)


@_listens_to(events.review_due)
def _review_due(standard: Standard, edition: Edition, **_) -> None:
    notify(
        K.REVIEW_DUE,
        set(committee_member_ids(standard.committee_id)) | set(watcher_ids(standard.id)),
        audience=_drafts_readers(standard.committee_id),
        standard_id=standard.id,
        edition_id=edition.id,
    )


def _request_subject(standard: Standard, request: PublicationRequest) -> dict:
    return {
        "standard_id": standard.id,
        "revision_id": request.revision_id,
        "publication_request_id": request.id,
    }


@_listens_to(events.publication_requested)
def _publication_requested(standard: Standard, request: PublicationRequest, **_) -> None:
    notify(
        K.PUBLICATION_REQUESTED,
        admin_ids(),
        audience=permissions.can_administer,
        actor_id=request.requested_by_id,
        **_request_subject(standard, request),
    )


@_listens_to(events.publication_sent_back)
def _publication_sent_back(standard: Standard, request: PublicationRequest, **_) -> None:
    notify(
        K.PUBLICATION_SENT_BACK,
        {request.requested_by_id} | set(chair_ids(standard.committee_id)),
        audience=_drafts_readers(standard.committee_id),
        actor_id=request.decided_by_id,
        **_request_subject(standard, request),
    )
