"""A published edition as a JSON document: what was published, and the official act.

Built from the edition's own copy of the title and metadata, never from its standard, whose
title and metadata belong to the next draft.
"""

from wiki.publication.models import Edition
from wiki.publication.succession import Succession
from wiki.standards.exports import metadata_document, structure_document


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def edition_document(edition: Edition, succession: Succession | None = None) -> dict:
    """The JSON-ready record of ``edition``: its text, metadata, official act and succession."""
    succession = succession or Succession()
    return {
        **metadata_document(
            edition, code=edition.code, title=edition.title, committee_name=edition.committee_name
        ),
        **structure_document(edition.revision),
        "edition": {
            "code": edition.code,
            "status": str(edition.status),
            "published_at": edition.published_at.isoformat(),
            "approving_body": edition.approving_body,
            "resolution_number": edition.resolution_number,
            "approved_on": _iso(edition.approved_on),
            "gazette_published_on": _iso(edition.gazette_published_on),
            "gazette_url": edition.gazette_url,
            "withdrawn_reason": edition.withdrawn_reason,
            "supersedes": succession.supersedes,
            "superseded_by": succession.superseded_by,
        },
    }
