"""A revision as a JSON document: metadata plus its parsed structure, for other systems."""

from wiki.standards.models import Revision, Standard
from wiki.standards.structure import Structure


def lines(text: str) -> list[str]:
    """The non-empty lines of a one-per-line field (occupations, organisations)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def structure_document(revision: Revision) -> dict:
    """The revision's revision number, sections, elements and structure warnings."""
    document = {
        "revision": {"number": revision.number, "created_at": revision.created_at.isoformat()},
        "sections": [],
        "elements": [],
        "warnings": [],
    }
    if revision.structure:
        data = Structure.from_dict(revision.structure).to_dict()
        document.update({key: data[key] for key in ("sections", "elements", "warnings")})
    return document


def metadata_document(record, *, code: str | None, title: str, committee_name: str) -> dict:
    """The metadata fields of ``record``: a standard, or an edition's copy of them."""
    return {
        "code": code,
        "title": title,
        "language": record.language,
        "level": record.level,
        "committee": {"slug": record.committee.slug, "name": committee_name},
        "review_period_years": record.review_period_years,
        "certificate_validity_years": record.certificate_validity_years,
        "occupations": lines(record.occupations),
        "industry_code": record.industry_code,
        "organisations": lines(record.organisations),
    }


def revision_document(standard: Standard, revision: Revision) -> dict:
    """The JSON-ready record of one revision of ``standard``, with its live metadata."""
    return {
        **metadata_document(
            standard, code=standard.code, title=revision.title,
            committee_name=standard.committee.name,
        ),
        **structure_document(revision),
    }
