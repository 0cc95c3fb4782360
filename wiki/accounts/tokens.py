"""Signed, expiring links: invitations, password resets and email confirmations.

A token names the user and a fingerprint of their password hash and session
token, so it stops working once used (setting a password changes both).
"""

import hashlib
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from wiki.errors import InvalidInput
from wiki.i18n import N_


class TokenExpired(InvalidInput):
    """The link's time ran out."""


class TokenInvalid(InvalidInput):
    """The link is forged, damaged or already used."""


@dataclass(frozen=True)
class LinkKind:
    """What a link is for: the salt it is signed with, and what it says once expired."""

    salt: str
    expired_message: str


#: invitations and password resets, issued by an administrator
INVITE = LinkKind("wiki.invite", "This link has expired. Ask an administrator for a new one.")
#: confirmation of a public registrant's email address
CONFIRMATION = LinkKind(
    "wiki.confirm-email",
    N_("This link has expired. Register again with the same email to get a new one."),
)


#: a new password the account's owner asked for ("Forgot your password?")
PASSWORD_RESET = LinkKind(
    "wiki.password-reset",
    N_("This link has expired. Ask for a new one with “Forgot your password?”."),
)
#: what a link that was used, or whose account changed since, says
LINK_USED = N_("This link has already been used or is no longer valid.")


def account_fingerprint(password_hash: str | None, session_token: str) -> str:
    """A short digest of the account's secrets; it changes when the link has been used."""
    material = f"{password_hash or ''}|{session_token}".encode()
    return hashlib.sha256(material).hexdigest()[:16]


def make_token(kind: LinkKind, secret_key: str, user_id: int, fingerprint: str) -> str:
    """A token for setting a password on the account."""
    serializer = URLSafeTimedSerializer(secret_key, salt=kind.salt)
    return serializer.dumps({"u": user_id, "f": fingerprint})


def token_for(kind: LinkKind, secret_key: str, user) -> str:
    """A token for the user's account as it is now (it dies when its secrets change)."""
    return make_token(
        kind, secret_key, user.id, account_fingerprint(user.password_hash, user.session_token)
    )


def read_token(
    kind: LinkKind, secret_key: str, token: str, max_age_seconds: int
) -> tuple[int, str]:
    """The (user id, fingerprint) in the token; raises TokenExpired or TokenInvalid."""
    serializer = URLSafeTimedSerializer(secret_key, salt=kind.salt)
    try:
        data = serializer.loads(token, max_age=max_age_seconds)
    except SignatureExpired as exc:
        raise TokenExpired(kind.expired_message) from exc
    except BadSignature as exc:
        raise TokenInvalid(N_("This link is not valid.")) from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise TokenInvalid(N_("This link is not valid."))
    return data["u"], str(data.get("f", ""))
