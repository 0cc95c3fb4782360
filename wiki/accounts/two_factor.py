"""Two-step verification: enrolling an authenticator app, recovery codes, and the second step
of signing in. Each change flushes and leaves the commit to the caller."""

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from wiki.accounts import totp
from wiki.accounts.models import RecoveryCode, SignInChallenge, User
from wiki.accounts.passwords import verify_password
from wiki.audit.operations import record_change
from wiki.db import utcnow
from wiki.errors import Conflict, InvalidInput
from wiki.extensions import db
from wiki.i18n import N_

#: how long the code may take after the password was right
CHALLENGE_LIFETIME = dt.timedelta(minutes=5)
#: wrong codes after which the pending sign-in is discarded and the password asked again
MAX_CODE_FAILURES = 5

WRONG_CODE = N_("The code is not correct, or it was already used. Enter the code your app "
                "shows now.")
WRONG_PROOF = N_("Neither your password nor a current code from your app: nothing changed.")


def start_enrolment(user: User) -> None:
    """Give the user a new secret to add to an authenticator app; it counts once confirmed."""
    if user.has_two_factor:
        raise Conflict(N_("Two-step verification is already on."))
    user.totp_secret = totp.new_secret()
    user.totp_last_step = None
    db.session.flush()


def confirm_enrolment(user: User, code: str, now: dt.datetime | None = None) -> list[str]:
    """Turn two-step verification on with a code from the app; return the recovery codes.

    Raises Conflict when no enrolment was started, InvalidInput when the code is wrong.
    """
    if user.has_two_factor or not user.totp_secret:
        raise Conflict(N_("Start setting up two-step verification again."))
    step = totp.accepted_step(user.totp_secret, totp.normalise_code(code), now or utcnow(), None)
    if step is None:
        raise InvalidInput(WRONG_CODE, field="code")
    user.totp_last_step = step
    user.totp_confirmed_at = utcnow()
    codes = _replace_recovery_codes(user)
    record_change(user.id, "account.two_factor_enabled", user, after={"two_factor": True})
    return codes


def regenerate_recovery_codes(user: User, proof: str) -> list[str]:
    """New recovery codes in place of the old ones, after the password or a current code."""
    _check_proof(user, proof)
    codes = _replace_recovery_codes(user)
    record_change(user.id, "account.recovery_codes_generated", user,
                  after={"recovery_codes": len(codes)})
    return codes


def disable_two_factor(user: User, proof: str) -> None:
    """Turn two-step verification off, after the password or a current code."""
    if not user.has_two_factor:
        raise Conflict(N_("Two-step verification is already off."))
    _check_proof(user, proof)
    _forget_app(user)
    record_change(user.id, "account.two_factor_disabled", user, after={"two_factor": False})


def reset_two_factor(user: User) -> None:
    """Turn someone's two-step verification off for them (from the command line), when they
    lost both their phone and their recovery codes."""
    if not user.has_two_factor:
        raise Conflict(N_("Two-step verification is already off."))
    _forget_app(user)
    record_change(None, "account.two_factor_reset", user, after={"two_factor": False})


def _forget_app(user: User) -> None:
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        select(func.count()).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def _replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = totp.new_recovery_codes()
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=totp.recovery_code_hash(code)) for code in codes
    )
    db.session.flush()
    return codes


def _check_proof(user: User, proof: str) -> None:
    """Accept the account's password or a current, unused code from the app."""
    if _accept_app_code(user, proof, utcnow()):
        return
    if not verify_password(user.password_hash, proof or ""):
        raise InvalidInput(WRONG_PROOF)


def _accept_app_code(user: User, code: str, now: dt.datetime) -> bool:
    if not user.has_two_factor:
        return False
    step = totp.accepted_step(user.totp_secret, totp.normalise_code(code), now, user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    db.session.flush()
    return True


def _use_recovery_code(user: User, code: str, now: dt.datetime) -> bool:
    found = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == totp.recovery_code_hash(code),
            RecoveryCode.used_at.is_(None),
        ).with_for_update()
    )
    if found is None:
        return False
    found.used_at = now
    db.session.flush()
    record_change(user.id, "account.recovery_code_used", user,
                  after={"recovery_codes_left": recovery_codes_left(user)})
    return True


def start_sign_in_challenge(user: User, now: dt.datetime | None = None) -> str:
    """Note that the user's password was right and the second step is awaited; return its id."""
    now = now or utcnow()
    db.session.execute(
        delete(SignInChallenge).where(SignInChallenge.created_at < now - CHALLENGE_LIFETIME)
    )
    challenge = SignInChallenge(id=secrets.token_urlsafe(32), user_id=user.id, created_at=now)
    db.session.add(challenge)
    db.session.flush()
    return challenge.id


@dataclass(frozen=True)
class Answer:
    """What came of a code sent for a pending sign-in."""

    #: the user to sign in, when the code was right
    user: User | None = None
    #: wrong codes this sign-in may still receive; 0 when it is gone (discarded or expired)
    attempts_left: int = 0
    #: recovery codes left, when one was used
    recovery_codes_left: int | None = None


def answer_challenge(challenge_id: str, code: str, now: dt.datetime | None = None) -> Answer:
    """Check a code (from the app, or a recovery code) for a pending sign-in.

    A right code ends the challenge and returns its user; a wrong one counts against it
    (``throttle_second_factor``). A challenge that expired, or whose user can no longer sign
    in, is gone.
    """
    now = now or utcnow()
    challenge = db.session.scalar(
        select(SignInChallenge).where(SignInChallenge.id == challenge_id).with_for_update()
    )
    if challenge is None:
        return Answer()
    user = db.session.get(User, challenge.user_id)
    if challenge.created_at + CHALLENGE_LIFETIME < now or not (
        user.active and user.has_two_factor
    ):
        _discard(challenge)
        return Answer()
    code = totp.normalise_code(code)
    if totp.is_totp_code(code):
        if _accept_app_code(user, code, now):
            _discard(challenge)
            return Answer(user=user)
    elif _use_recovery_code(user, code, now):
        _discard(challenge)
        return Answer(user=user, recovery_codes_left=recovery_codes_left(user))
    return Answer(attempts_left=throttle_second_factor(challenge))


def throttle_second_factor(challenge: SignInChallenge) -> int:
    """Count a wrong code against the pending sign-in; return how many more it may receive.

    After ``MAX_CODE_FAILURES`` the pending sign-in is discarded, and only the password (with
    its own throttling) can start another. Every wrong second-step code passes here.
    """
    challenge.failures += 1
    if challenge.failures >= MAX_CODE_FAILURES:
        _discard(challenge)
        return 0
    db.session.flush()
    return MAX_CODE_FAILURES - challenge.failures


def _discard(challenge: SignInChallenge) -> None:
    db.session.delete(challenge)
    db.session.flush()


def end_sign_in_challenges(user: User) -> None:
    """Forget the user's pending sign-ins (when every session of theirs ends)."""
    db.session.execute(delete(SignInChallenge).where(SignInChallenge.user_id == user.id))
