"""Signed, expiring links: invitations, password resets and email confirmations.

A token names the user and a fingerprint of their password hash and session
token, so it stops working once used (setting a password changes both).
"""

import hashlib

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from wiki.errors import InvalidInput

INVITE_SALT = "wiki.invite"


class TokenExpired(InvalidInput):
    """The link's time ran out."""


class TokenInvalid(InvalidInput):
    """The link is forged, damaged or already used."""


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=INVITE_SALT)


def account_fingerprint(password_hash: str | None, session_token: str) -> str:
    """A short digest of the account's secrets; it changes when the link has been used."""
    material = f"{password_hash or ''}|{session_token}".encode()
    return hashlib.sha256(material).hexdigest()[:16]


def make_invite_token(secret_key: str, user_id: int, fingerprint: str) -> str:
    """A token for setting a password on the account (invite or reset)."""
    return _serializer(secret_key).dumps({"u": user_id, "f": fingerprint})


def read_invite_token(secret_key: str, token: str, max_age_seconds: int) -> tuple[int, str]:
    """The (user id, fingerprint) in the token; raises TokenExpired or TokenInvalid."""
    try:
        data = _serializer(secret_key).loads(token, max_age=max_age_seconds)
    except SignatureExpired as exc:
        raise TokenExpired("This link has expired. Ask an administrator for a new one.") from exc
    except BadSignature as exc:
        raise TokenInvalid("This link is not valid.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise TokenInvalid("This link is not valid.")
    return data["u"], str(data.get("f", ""))
