"""A revision as a JSON document: metadata plus its parsed structure, for other systems."""

from wiki.standards.models import Revision, Standard
from wiki.standards.structure import Structure


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def revision_document(standard: Standard, revision: Revision) -> dict:
    """The JSON-ready record of one revision of ``standard``."""
    structure = Structure.from_dict(revision.structure) if revision.structure else None
    document = {
        "code": standard.code,
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
    if structure is not None:
        data = structure.to_dict()
        document["sections"] = data["sections"]
        document["elements"] = data["elements"]
        document["warnings"] = data["warnings"]
    return document
