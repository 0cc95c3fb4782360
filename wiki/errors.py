"""Domain errors, and the one place that maps them to HTTP status codes.

Operations raise these; they know nothing of HTTP. ``register_error_handlers`` in
``wiki.app`` turns them into responses through ``STATUS_BY_ERROR``.
"""


class DomainError(Exception):
    """A rule of the domain refused the change; ``message`` is shown to the user."""

    def __init__(self, message: str = "", **details):
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(DomainError):
    """The input cannot be accepted as given (400)."""


class NotAllowed(DomainError):
    """The actor may not do this (403)."""


class NotFound(DomainError):
    """The thing does not exist, or the actor may not know that it exists (404)."""


class Conflict(DomainError):
    """The change collides with the current state (409)."""


class EditConflict(Conflict):
    """Someone saved the same standard since the editor's base revision."""


class InvalidTransition(Conflict):
    """The life-cycle table has no such move from the current status."""


class StaleBallot(Conflict):
    """The ballot's revision is no longer the standard's draft head."""


class TooLarge(DomainError):
    """The input exceeds a configured size limit (413)."""


class RateLimited(DomainError):
    """Too many attempts in a while (429); ``retry_after_seconds`` says when to try again."""

    def __init__(self, message: str = "", *, retry_after_seconds: int, **details):
        super().__init__(message, **details)
        self.retry_after_seconds = retry_after_seconds


STATUS_BY_ERROR: dict[type[DomainError], int] = {
    InvalidInput: 400,
    NotAllowed: 403,
    NotFound: 404,
    Conflict: 409,
    TooLarge: 413,
    RateLimited: 429,
}


def status_for(error: DomainError) -> int:
    """HTTP status for a domain error: the entry of its nearest mapped ancestor."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400
