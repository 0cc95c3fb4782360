"""A published edition as a JSON document: its revision's record plus the official act."""

from wiki.publication.models import Edition
from wiki.standards.exports import revision_document


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def edition_document(edition: Edition) -> dict:
    """The JSON-ready record of ``edition``: its text, metadata and official act."""
    document = revision_document(edition.standard, edition.revision)
    document["code"] = edition.code
    document["edition"] = {
        "code": edition.code,
        "status": str(edition.status),
        "published_at": edition.published_at.isoformat(),
        "approving_body": edition.approving_body,
        "resolution_number": edition.resolution_number,
        "approved_on": _iso(edition.approved_on),
        "gazette_published_on": _iso(edition.gazette_published_on),
        "gazette_url": edition.gazette_url,
        "withdrawn_reason": edition.withdrawn_reason,
    }
    return document
