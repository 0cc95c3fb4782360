"""How often a log-in may fail, and why these limits cannot lock a chair out.

Two named limits (``RATE_LIMITS`` in the settings) count failed log-ins, and only failures:

- ``login_failures_per_account_address``: failures for one email from one address. Guessing
  one account's password from one address stops after a few tries.
- ``login_failures_per_address``: failures from one address whatever the email. Trying one
  password on many accounts from one address stops too.

Neither counts the failures of an account alone. Such a limit would let anyone lock a chair
out before a ballot closes, by typing wrong passwords for the chair's email. Here an
attacker's failures block only the attacker's address (for that account, and for every
account once the second limit is reached); the chair, from any other address, logs in as
usual. The price: an attacker with many addresses gets a few guesses per address per window,
which argon2 and a password of ten characters or more make hopeless. People who share one
address (an office, a campus) share the second limit, which is why it is the higher one.

A log-in over either limit is refused before the password is hashed (the argon2 hash is the
cost the limits spare), with the same 429 and Retry-After whether or not the email has an
account. A successful log-in clears its (account, address) count.

The second factor (a code asked after the password) has its own limit, ``second_factor``,
per account and address for the same reason: call ``check_second_factor(user_id)`` before
checking a code, ``second_factor_failed(user_id)`` after a wrong one and
``second_factor_passed(user_id)`` after a right one.
"""

from wiki.accounts import operations
from wiki.accounts.models import User
from wiki.http import limits
from wiki.i18n import N_

PER_ACCOUNT_ADDRESS = "login_failures_per_account_address"
PER_ADDRESS = "login_failures_per_address"
SECOND_FACTOR = "second_factor"

#: what a refused log-in is told, known email or not
TOO_MANY_FAILED_LOGINS = N_(
    "Too many failed log-ins from your network. Wait %(minutes)d min and try again."
)
#: what a refused second-factor code is told
TOO_MANY_FAILED_CODES = N_("Too many wrong codes. Wait %(minutes)d min and try again.")


def check_login(email: str) -> None:
    """Raise ``RateLimited`` if log-ins for ``email`` from this address must wait."""
    address = limits.client_address()
    limits.check(PER_ADDRESS, address, message=TOO_MANY_FAILED_LOGINS)
    account = limits.private_key(email or "")
    limits.check(PER_ACCOUNT_ADDRESS, account, address, message=TOO_MANY_FAILED_LOGINS)


def login_failed(email: str) -> None:
    """Count a wrong email or password from this address."""
    address = limits.client_address()
    limits.count(PER_ADDRESS, address)
    limits.count(PER_ACCOUNT_ADDRESS, limits.private_key(email or ""), address)


def login_succeeded(email: str) -> None:
    """Forget this address's failures for ``email`` (not those for other emails)."""
    limits.forget(PER_ACCOUNT_ADDRESS, limits.private_key(email or ""), limits.client_address())


def check_second_factor(user_id: int) -> None:
    """Raise ``RateLimited`` if second-factor codes for the user from this address must wait."""
    limits.check(
        SECOND_FACTOR, str(user_id), limits.client_address(), message=TOO_MANY_FAILED_CODES
    )


def second_factor_failed(user_id: int) -> None:
    """Count a wrong second-factor code for the user from this address."""
    limits.count(SECOND_FACTOR, str(user_id), limits.client_address())


def second_factor_passed(user_id: int) -> None:
    """Forget the user's wrong codes from this address."""
    limits.forget(SECOND_FACTOR, str(user_id), limits.client_address())


def authenticate(email: str, password: str) -> User | None:
    """``operations.authenticate`` behind the log-in limits: the user, or None when wrong.

    Raises ``RateLimited`` without hashing anything when this address must wait.
    """
    check_login(email)
    user = operations.authenticate(email, password)
    if user is None:
        login_failed(email)
    else:
        login_succeeded(email)
    return user
