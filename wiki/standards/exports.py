"""A standard as a JSON document: metadata plus its parsed structure, for other systems."""

from wiki.standards.models import Edition, Revision, Standard
from wiki.standards.structure import Structure


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def standard_document(standard: Standard, revision: Revision, edition: Edition | None = None):
    """The JSON-ready record of one revision (and, when published, of its edition)."""
    structure = Structure.from_dict(revision.structure) if revision.structure else None
    document = {
        "code": edition.code if edition else standard.code,
        "title": revision.title,
        "language": standard.language,
        "level": standard.level,
        "committee": {"slug": standard.committee.slug, "name": standard.committee.name},
        "review_period_years": standard.review_period_years,
        "certificate_validity_years": standard.certificate_validity_years,
        "occupations": _lines(standard.occupations),
        "industry_code": standard.industry_code,
        "organisations": _lines(standard.organisations),
        "revision": {"number": revision.number, "created_at": revision.created_at.isoformat()},
        "sections": [],
        "elements": [],
        "warnings": [],
    }
    if edition is not None:
        document["edition"] = {
            "code": edition.code,
            "status": str(edition.status),
            "published_at": edition.published_at.isoformat(),
            "approving_body": edition.approving_body,
            "resolution_number": edition.resolution_number,
            "approved_on": edition.approved_on.isoformat() if edition.approved_on else None,
            "gazette_published_on": (
                edition.gazette_published_on.isoformat() if edition.gazette_published_on else None
            ),
            "gazette_url": edition.gazette_url,
            "withdrawn_reason": edition.withdrawn_reason,
        }
    if structure is not None:
        data = structure.to_dict()
        document["sections"] = data["sections"]
        document["elements"] = data["elements"]
        document["warnings"] = data["warnings"]
    return document
