"""Named rate limits: ``RATE_LIMITS`` in the settings, counted by the app's Flask-Limiter.

A limit is named once in the settings (``"registration": "5 per hour"``) and applied here to
a key the caller chooses: an address, an account, both. The caller also chooses what counts:

- ``take(name, *key)`` counts this request and refuses it once the limit is reached
  (registrations, reset requests);
- ``check(name, *key)`` refuses without counting and ``count(name, *key)`` counts without
  refusing, for limits on failures: check before the costly work, count when it failed
  (``wiki.accounts.throttling`` does so for log-ins).

A refusal is ``RateLimited`` (a 429) carrying the seconds until the oldest counted attempt
leaves the window (``wiki.http.errors.retry_after_headers`` makes it a header). Counts live
where ``wiki.extensions.create_limiter`` put them: Redis when ``REDIS_URL`` is set (one count
for all workers and machines), else the process's memory. When Redis cannot be reached the
request goes on without the limit and the failure is logged: a broken counter must not keep
everyone out.
"""

import hashlib
import logging
import math
import time
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, request
from limits import RateLimitItem, parse_many
from limits.strategies import RateLimiter

from wiki.errors import RateLimited
from wiki.extensions import LIMITER
from wiki.i18n import N_

log = logging.getLogger(__name__)
T = TypeVar("T")

#: what a refused request is told unless the caller says more
TOO_MANY_ATTEMPTS = N_("Too many attempts. Wait %(minutes)d min and try again.")


def check_settings(app: Flask) -> None:
    """Refuse to start with a limit the ``limits`` notation cannot read."""
    for name, text in app.config["RATE_LIMITS"].items():
        try:
            parse_many(text)
        except ValueError as exc:
            raise RuntimeError(f"RATE_LIMITS[{name!r}] = {text!r} is not a rate limit") from exc


def client_address() -> str:
    """The client's address: the connecting one, or the one ``TRUSTED_PROXIES`` proxies
    put in X-Forwarded-For (``create_app`` applies ProxyFix then)."""
    return request.remote_addr or "unknown"


def check(name: str, *key: str, message: str = TOO_MANY_ATTEMPTS) -> None:
    """Raise ``RateLimited`` if limit ``name`` is used up for ``key``; counts nothing."""
    _refuse_when_full(name, key, message, counting=False)


def count(name: str, *key: str) -> None:
    """Count one attempt against limit ``name`` for ``key``; refuses nothing."""
    strategy, items, identifiers = _prepare(name, key)
    _guarded(None, lambda: [strategy.hit(i, *identifiers) for i in items])


def take(name: str, *key: str, message: str = TOO_MANY_ATTEMPTS) -> None:
    """Count this request against limit ``name`` for ``key``; ``RateLimited`` once it is used up.

    A refused request is not counted, so waiting out the Retry-After always works.
    """
    _refuse_when_full(name, key, message, counting=True)


def forget(name: str, *key: str) -> None:
    """Drop what limit ``name`` counted for ``key``."""
    strategy, items, identifiers = _prepare(name, key)
    _guarded(None, lambda: [strategy.clear(i, *identifiers) for i in items])


def may_mail(recipient: str) -> bool:
    """Count one message an anonymous request has sent to ``recipient`` (limit ``mail``).

    False once the limit is used up: send nothing then, and tell the requester what they
    would have been told anyway, so nobody can flood a mailbox or learn whether it has an
    account.
    """
    try:
        take("mail", private_key(recipient))
    except RateLimited:
        log.warning("The mail limit for one recipient is used up; a message was not sent")
        return False
    return True


def private_key(text: str) -> str:
    """A digest of an email address, so the storage (Redis) holds no personal data."""
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()[:32]


def reset_all(app: Flask) -> None:
    """Forget every count the app made (in Redis, those under its key prefix)."""
    app.extensions[LIMITER].reset()


def _prepare(name: str, key: tuple[str, ...]):
    items = parse_many(current_app.config["RATE_LIMITS"][name])
    return current_app.extensions[LIMITER].limiter, items, (name, *key)


def _refuse_when_full(name: str, key: tuple[str, ...], message: str, *, counting: bool) -> None:
    strategy, items, identifiers = _prepare(name, key)
    attempt = strategy.hit if counting else strategy.test
    full = _guarded([], lambda: [i for i in items if not attempt(i, *identifiers)])
    if full:
        raise _refusal(strategy, full, identifiers, message)


def _guarded(fallback: T, call: Callable[[], T]) -> T:
    try:
        return call()
    except Exception:  # Redis down or slow: limits are a safeguard, the wiki must go on
        log.exception("The rate-limit storage failed; the request goes on without its limit")
        return fallback


def _refusal(
    strategy: RateLimiter, full: list[RateLimitItem], identifiers: tuple, message: str
) -> RateLimited:
    def frees_at() -> float:
        return max(strategy.get_window_stats(i, *identifiers).reset_time for i in full)

    now = time.time()
    wait = max(1, math.ceil(_guarded(now + 60, frees_at) - now))
    return RateLimited(message, retry_after_seconds=wait, minutes=math.ceil(wait / 60))
