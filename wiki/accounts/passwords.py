"""Password hashing with argon2id."""

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
_profile: str | None = None


def configure_hasher(profile: str) -> None:
    """Use one of argon2-cffi's named parameter profiles (tests use the cheapest).

    The app calls this whenever one of its contexts is pushed, so several apps in one process
    (tests, tools) each hash with their own setting; the hasher is replaced only when the
    profile changes.
    """
    global _hasher, _profile
    if profile != _profile:
        _hasher = PasswordHasher.from_parameters(getattr(profiles, profile))
        _profile = profile


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; a missing or malformed hash never matches."""
    if not password_hash:
        # Spend the same time as a real check so timing does not reveal the account.
        _hasher.hash(password)
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
