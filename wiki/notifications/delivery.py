"""Notification email: composed inside the transaction, sent by a background thread after commit.

Notifications are rows in the same transaction as the change that caused them. Their email is
queued in ``session.info``; ``after_commit`` hands the queue to one background worker, and a
rollback drops it, so nothing is sent for a change that did not happen. Sending never runs in
the request: a mail server that is down or slow can neither fail nor delay a save. Failures are
logged. ``wait_for_delivery`` lets tests and commands wait for the worker. The hooks are
connected by ``register_listeners`` (``create_app`` calls it), not on import.
"""

import concurrent.futures
import logging
import threading
from dataclasses import dataclass

from flask import current_app
from sqlalchemy.orm import Session

from wiki.db import listen_once
from wiki.mail import build_message, send_messages

log = logging.getLogger(__name__)

#: key of the queued mail in ``Session.info``
PENDING_KEY = "wiki.notification_mail"


@dataclass(frozen=True)
class OutgoingMail:
    """One composed message, waiting for its transaction to commit."""

    to: str
    subject: str
    body: str


@dataclass(frozen=True)
class SmtpSettings:
    server: str
    port: int
    sender: str


_lock = threading.Lock()
_executor: concurrent.futures.ThreadPoolExecutor | None = None
_in_flight: set[concurrent.futures.Future] = set()


def queue_mail(session: Session, mail: OutgoingMail) -> None:
    """Send ``mail`` once the session's transaction commits (never if it rolls back)."""
    session.info.setdefault(PENDING_KEY, []).append(mail)


def pending_mail(session: Session) -> list[OutgoingMail]:
    """Mail queued in the session's transaction and not yet handed to the worker."""
    return list(session.info.get(PENDING_KEY, ()))


def _worker() -> concurrent.futures.ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="wiki-mail"
            )
        return _executor


def dispatch(mails: list[OutgoingMail]) -> concurrent.futures.Future | None:
    """Hand mails to the background worker; None when no mail server is configured."""
    config = current_app.config
    settings = SmtpSettings(config["MAIL_SERVER"], int(config["MAIL_PORT"]), config["MAIL_SENDER"])
    if not settings.server:
        log.debug("MAIL_SERVER is empty; %d notification email(s) not sent", len(mails))
        return None
    future = _worker().submit(_send, settings, list(mails))
    with _lock:
        _in_flight.add(future)
    future.add_done_callback(_forget)
    return future


def _forget(future: concurrent.futures.Future) -> None:
    with _lock:
        _in_flight.discard(future)


def _send(settings: SmtpSettings, mails: list[OutgoingMail]) -> int:
    """Send in the worker thread; log, never raise. Returns how many the server accepted."""
    messages = [build_message(settings.sender, m.to, m.subject, m.body) for m in mails]
    try:
        refused = send_messages(settings.server, settings.port, messages)
    except OSError as exc:
        log.warning(
            "Notification email not sent (%d message(s)): mail server %s:%s: %s",
            len(messages),
            settings.server,
            settings.port,
            exc,
        )
        return 0
    except Exception:  # a worker thread must not die on a surprise; the log keeps it
        log.exception("Notification email failed")
        return 0
    for message, exc in refused:
        log.warning("Notification email to %s refused: %s", message["To"], exc)
    return len(messages) - len(refused)


def wait_for_delivery(timeout: float | None = 30) -> bool:
    """Wait until mail handed to the worker has been sent or given up; False on timeout."""
    with _lock:
        futures = list(_in_flight)
    _, not_done = concurrent.futures.wait(futures, timeout=timeout)
    return not not_done


def register_listeners() -> None:
    """Hook sending and dropping the queue to commits and rollbacks (once, however often called)."""
    listen_once(Session, "after_commit", _send_after_commit)
    listen_once(Session, "after_soft_rollback", _drop_after_rollback)


def _send_after_commit(session: Session) -> None:
    mails = session.info.pop(PENDING_KEY, None)
    if not mails:
        return
    try:
        dispatch(mails)
    except Exception:  # the change is committed; mail trouble must not turn it into an error
        log.exception("Could not hand %d notification email(s) to the worker", len(mails))


def _drop_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(PENDING_KEY, None)
