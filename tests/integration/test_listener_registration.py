"""Listeners are connected by ``create_app``, not on import, and once however often it runs."""

import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from tests.comment_factories import BODY, actor, new_standard, notifications_of, save
from wiki import db as database
from wiki.ballots import operations as ballots
from wiki.notifications import delivery, listeners, operations
from wiki.notifications.kinds import NotificationKind as K

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_registering_the_listeners_again_still_sends_one_notification(p):
    standard = new_standard(p.union, p.committee)
    for _ in range(2):
        ballots.register_listeners()
        listeners.register_listeners()
    operations.watch(actor(p.chair), standard.id)
    save(p.union, standard, BODY + "\nCambio.\n")
    assert len(notifications_of(p.chair, K.REVISION_SAVED)) == 1


def test_registering_the_database_hooks_again_hooks_them_once():
    for _ in range(2):
        database.register_listeners()
        delivery.register_listeners()
    engine = create_engine("sqlite://")
    session = Session(engine)
    try:
        assert list(engine.pool.dispatch.connect).count(database._configure_sqlite) == 1
        assert list(engine.dispatch.begin).count(database._begin_sqlite) == 1
        assert list(session.dispatch.after_commit).count(delivery._send_after_commit) == 1
    finally:
        session.close()
        engine.dispose()


def test_importing_the_listener_modules_connects_nothing():
    script = textwrap.dedent(
        """
        from sqlalchemy import event
        from sqlalchemy.orm import Session
        from wiki import events
        from wiki.ballots import operations
        from wiki.comments import listeners as comment_listeners
        from wiki.notifications import delivery, listeners
        ours = {
            operations._mark_ballot_stale,
            comment_listeners.check_ballot_allowed,
            *(listener for _, listener in listeners._LISTENERS),
        }
        connected = [
            receiver for signal in vars(events).values() if hasattr(signal, "receivers")
            for receiver in signal.receivers_for(None) if receiver in ours
        ]
        hooked = event.contains(Session, "after_commit", delivery._send_after_commit)
        print(len(ours), connected, hooked)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "14 [] False"
