"""Watchlists and notifications from every event, who receives them, and the "my work" lists."""

import datetime as dt

import pytest

from tests.comment_factories import (
    BODY,
    actor,
    approve,
    comment,
    count,
    days,
    new_standard,
    notifications_of,
    open_ballot,
    publish,
    save,
)
from wiki import events
from wiki.ballots import operations as ballots
from wiki.ballots.consensus import Position
from wiki.comments import operations as comments
from wiki.errors import NotAllowed, NotFound
from wiki.extensions import db
from wiki.notifications import operations, queries
from wiki.notifications.kinds import NotificationKind as K
from wiki.notifications.models import Notification, Watch
from wiki.publication.operations import withdraw_edition


def _kinds(user) -> list[K]:
    return [n.kind for n in notifications_of(user)]


def test_editing_and_commenting_start_watching(p, standard):
    assert queries.is_watching(p.union.id, standard.id)
    assert not queries.is_watching(p.education.id, standard.id)
    comment(p.education, standard)
    save(p.government, standard, BODY + "\nTexto añadido.\n")
    assert queries.is_watching(p.education.id, standard.id)
    assert queries.is_watching(p.government.id, standard.id)


def test_a_new_revision_reaches_watchers_but_not_its_author(p, standard):
    operations.watch(actor(p.chair), standard.id)
    revision = save(p.union, standard, BODY + "\nCambio.\n")
    [note] = notifications_of(p.chair, K.REVISION_SAVED)
    assert (note.revision_id, note.actor_id, note.standard_id) == (
        revision.id,
        p.union.id,
        standard.id,
    )
    assert notifications_of(p.union) == []


def test_a_public_watcher_never_hears_of_draft_revisions(p, standard):
    edition = publish(p, standard)
    operations.watch(actor(p.public), standard.id)
    assert [n.edition_id for n in notifications_of(p.public)] == []
    save(p.union, standard, BODY + "\nNuevo borrador.\n")
    assert _kinds(p.public) == []
    assert edition.code


def test_outsiders_cannot_watch_a_draft(p, standard):
    with pytest.raises(NotFound):
        operations.watch(actor(p.outsider), standard.id)
    with pytest.raises(NotAllowed):
        operations.watch(actor(None), standard.id)


def test_a_new_thread_reaches_watchers_and_a_reply_reaches_participants(p, standard):
    operations.watch(actor(p.chair), standard.id)
    thread = comment(p.education, standard)
    assert _kinds(p.chair) == [K.THREAD_STARTED]
    assert _kinds(p.union) == [K.THREAD_STARTED]  # the author of the standard watches it
    comments.reply(actor(p.government), thread.id, "Estoy de acuerdo.")
    assert _kinds(p.education) == [K.REPLY]  # the thread's author, not a watcher before
    assert _kinds(p.chair)[-1] is K.REPLY
    assert _kinds(p.government) == []
    assert notifications_of(p.observer) == []


def test_a_mention_is_one_notification_not_a_reply_too(p, standard):
    thread = comment(p.education, standard)
    comments.reply(actor(p.union), thread.id, f"@[{p.education.display_name}] mira esto.")
    assert _kinds(p.education) == [K.MENTION]
    [mention] = notifications_of(p.education)
    assert (mention.thread_id, mention.actor_id) == (thread.id, p.union.id)


def test_an_edit_notifies_only_people_it_mentions_for_the_first_time(p, standard):
    thread = comment(p.union, standard, f"Hola @[{p.chair.display_name}].")
    comments.edit_comment(
        actor(p.union),
        thread.root.id,
        f"Hola @[{p.chair.display_name}] y @[{p.observer.display_name}].",
    )
    assert _kinds(p.chair).count(K.MENTION) == 1
    assert _kinds(p.observer) == [K.MENTION]


def test_the_thread_author_hears_of_the_disposition(p, standard):
    thread = comment(p.education, standard)
    comments.record_disposition(actor(p.chair), thread.id, "accepted", "Se cambia el texto.")
    assert _kinds(p.education) == [K.DISPOSITION]


def test_unwatching_stops_notifications(p, standard):
    operations.watch(actor(p.chair), standard.id)
    operations.unwatch(actor(p.chair), standard.id)
    operations.unwatch(actor(p.chair), standard.id)  # twice is harmless
    comment(p.education, standard)
    assert notifications_of(p.chair) == []


def test_deactivated_accounts_receive_nothing(p, standard):
    operations.watch(actor(p.chair), standard.id)
    p.chair.active = False
    db.session.flush()
    comment(p.education, standard)
    assert notifications_of(p.chair) == []


def test_ballot_opened_reaches_every_voter_and_closing_soon_only_those_who_have_not_voted(
    p, standard
):
    ballot = open_ballot(p, standard, closes_at=days(1))
    for voter in (p.union, p.education, p.government):
        assert _kinds(voter) == [K.BALLOT_OPENED]
    assert K.BALLOT_OPENED not in _kinds(p.observer)
    ballots.cast_position(actor(p.union), ballot.id, Position.APPROVE)
    ballots.remind_closing_soon()
    events.ballot_closing_soon.send(standard, ballot=ballot)  # a second run tells nobody twice
    assert K.BALLOT_CLOSING_SOON not in _kinds(p.union)
    assert _kinds(p.education).count(K.BALLOT_CLOSING_SOON) == 1
    assert K.BALLOT_CLOSING_SOON not in _kinds(p.observer)


def test_ballot_closed_and_stale_are_told_to_the_committee(p, standard):
    ballot = open_ballot(p, standard)
    approve(p, ballot)
    ballots.close_ballot(actor(p.chair), ballot.id)
    [closed] = notifications_of(p.observer, K.BALLOT_CLOSED)
    assert closed.ballot_id == ballot.id
    second = new_standard(p.union, p.committee, title="Cobro")
    stale = open_ballot(p, second)
    save(p.education, second, BODY + "\nCambio tardío.\n")
    [note] = notifications_of(p.observer, K.BALLOT_STALE)
    assert note.ballot_id == stale.id


def test_publication_and_withdrawal_reach_public_watchers(p, standard):
    edition = publish(p, standard)
    operations.watch(actor(p.public), standard.id)
    withdraw_edition(actor(p.admin), edition.id, "Sustituido por otra norma.")
    assert _kinds(p.public) == [K.EDITION_WITHDRAWN]
    assert K.EDITION_PUBLISHED in _kinds(p.observer)


def test_review_due_reaches_the_committee_once(p, standard):
    edition = publish(p, standard)
    for _ in range(2):
        events.review_due.send(standard, edition=edition, due_on=dt.date.today())
    assert _kinds(p.observer).count(K.REVIEW_DUE) == 1
    assert notifications_of(p.outsider) == []


def test_people_mark_their_own_notifications_read(p, standard):
    operations.watch(actor(p.chair), standard.id)
    for _ in range(3):
        comment(p.education, standard)
    first, *_ = notifications_of(p.chair)
    with pytest.raises(NotFound):
        operations.mark_read(actor(p.union), first.id)
    operations.mark_read(actor(p.chair), first.id)
    assert queries.unread_count(p.chair.id) == 2
    assert operations.mark_all_read(actor(p.chair)) == 2
    assert queries.unread_count(p.chair.id) == 0
    assert queries.unread_count(p.union.id) == 3


def test_my_work_lists_a_mention_until_the_person_answers(p, standard):
    thread = comment(p.union, standard, f"@[{p.education.display_name}], ¿opinas?")
    assert queries.my_work(actor(p.education)).mentions == [thread]
    comments.reply(actor(p.education), thread.id, "Sí, conviene.")
    assert queries.my_work(actor(p.education)).mentions == []
    comments.reply(actor(p.union), thread.id, f"Gracias @[{p.education.display_name}].")
    assert queries.my_work(actor(p.education)).mentions == [thread]
    comments.resolve_thread(actor(p.union), thread.id)
    assert queries.my_work(actor(p.education)).mentions == []


def test_my_work_lists_threads_awaiting_the_chairs_disposition(p, standard):
    waiting = comment(p.union, standard)
    decided = comment(p.union, standard)
    comments.record_disposition(actor(p.chair), decided.id, "noted", "Tomado en cuenta.")
    assert queries.my_work(actor(p.chair)).dispositions == [waiting]
    assert queries.my_work(actor(p.union)).dispositions == []


def test_my_work_lists_ballots_awaiting_the_persons_vote(p, standard):
    ballot = open_ballot(p, standard)
    assert queries.my_work(actor(p.education)).ballots == [ballot]
    assert queries.my_work(actor(p.observer)).ballots == []
    ballots.cast_position(actor(p.education), ballot.id, Position.ABSTAIN)
    assert queries.my_work(actor(p.education)).ballots == []


def test_my_work_lists_editions_past_their_review_date(p, standard):
    edition = publish(p, standard)
    assert queries.my_work(actor(p.observer)).reviews == []
    later = edition.published_at.date() + dt.timedelta(days=366 * standard.review_period_years)
    work = queries.my_work(actor(p.observer), today=later)
    assert [d.edition for d in work.reviews] == [edition]
    assert queries.my_work(actor(p.outsider), today=later).reviews == []


def test_a_rolled_back_change_leaves_no_notification(p, standard):
    operations.watch(actor(p.chair), standard.id)
    db.session.commit()
    before = count(Notification)
    comment(p.education, standard)
    assert count(Notification) > before
    db.session.rollback()
    assert count(Notification) == before
    assert count(Watch) >= 1
