"""Time-based one-time codes (RFC 6238, through pyotp) and single-use recovery codes.

Plain Python: secrets, the enrolment URI, which time step a code belongs to, and how recovery
codes are made and stored (only a SHA-256 of each: they are random, 50 bits each, so a fast
hash is enough and one query finds a code).
"""

import datetime as dt
import hashlib
import re
import secrets

import pyotp

#: how many recovery codes a person gets at a time
RECOVERY_CODE_COUNT = 10
#: letters and digits no one confuses when copying (no 0/o, 1/l/i)
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: characters in a recovery code, shown as two groups of five
RECOVERY_CODE_LENGTH = 10
#: time steps accepted either side of now, for a phone clock a little off
CLOCK_DRIFT_STEPS = 1
#: the issuer authenticator apps show beside the account
ISSUER = "Wiki de estándares"

_SEPARATORS = re.compile(r"[\s\-]+")


def new_secret() -> str:
    """A random base32 secret (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def normalise_code(code: str) -> str:
    """The code as typed, without spaces or hyphens, lower case."""
    return _SEPARATORS.sub("", code or "").lower()


def is_totp_code(code: str) -> bool:
    """Whether a normalised code has the shape of an app's code (six digits)."""
    return len(code) == 6 and code.isascii() and code.isdigit()


def accepted_step(secret: str, code: str, now: dt.datetime, last_step: int | None) -> int | None:
    """The time step ``code`` belongs to, or None when it is wrong or already used.

    A code is good for its own step and ``CLOCK_DRIFT_STEPS`` either side; a step at or before
    ``last_step`` (the last one accepted) is refused, so a code seen over a shoulder or in
    transit cannot be used again.
    """
    if not is_totp_code(code):
        return None
    try:
        step = pyotp.TOTP(secret).verify_and_get_timecode(
            code, for_time=now, valid_window=CLOCK_DRIFT_STEPS
        )
    except pyotp.OTPVerificationError:
        return None
    if last_step is not None and step <= last_step:
        return None
    return step


def new_recovery_codes() -> list[str]:
    """Fresh recovery codes, as shown to the person (``abcde-fghjk``)."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def recovery_code_hash(code: str) -> str:
    """What is stored for a recovery code: a SHA-256 of it as normalised."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()
