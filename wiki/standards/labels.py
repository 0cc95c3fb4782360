"""Words for the standards' values and the structure parser's warnings, in the reader's language.

Lazy strings, translated when shown; ``wiki.web.labels`` puts every domain's table together for
templates.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from wiki.standards.lifecycle import StandardStatus
from wiki.standards.structure import ItemKind

STANDARD_LABELS = {
    StandardStatus.DRAFT: _l("Draft"),
    StandardStatus.CONSULTATION: _l("In public consultation"),
    StandardStatus.BALLOT: _l("Under ballot"),
    StandardStatus.APPROVED: _l("Approved"),
    StandardStatus.PUBLISHED: _l("Published"),
    StandardStatus.WITHDRAWN: _l("Withdrawn"),
    ItemKind.PERFORMANCE: _l("Performance criterion"),
    ItemKind.PRODUCT: _l("Product"),
    ItemKind.KNOWLEDGE: _l("Knowledge"),
    ItemKind.ATTITUDE: _l("Attitude"),
    ItemKind.GLOSSARY: _l("Glossary term"),
}

#: what each ``StructureWarning.code`` means
STRUCTURE_WARNINGS = {
    "element_without_code": _l("An element has no code (E followed by four digits)."),
    "duplicate_element_code": _l("Two elements have the same code."),
    "element_count_mismatch": _l(
        "An element heading says “of N”, but the standard has another number of elements."
    ),
    "element_number_mismatch": _l("Elements are not numbered 1, 2, 3… in order."),
    "empty_element": _l("An element has no criteria, products or knowledge."),
    "unknown_section": _l("A section heading is not one of the template's sections."),
    "unknown_subsection": _l(
        "A subsection of an element is not one of the template's subsections."
    ),
    "criteria_outside_element": _l("A list of criteria stands outside any element."),
    "duplicate_section": _l("A section appears twice."),
    "knowledge_without_level": _l(
        "A knowledge item gives no level (Knowledge, Comprehension or Application)."
    ),
}

#: what each code of ``TemplateCheck.missing`` (``wiki.standards.placeholders``) asks for
MISSING_PARTS = {
    "purpose": _l("The purpose (## Propósito or ## Purpose), with its text."),
    "description": _l("The description (## Descripción or ## Description), with its text."),
    "level": _l(
        "The competency level (## Nivel de competencia or ## Competency level), with its text."
    ),
    "performance_criteria": _l("At least one element with at least one performance criterion."),
}


def revision_summary(revision) -> str:
    """A revision's summary: the one its author wrote, else what the wiki knows it was (the
    first revision, a restore). The wiki stores no words of its own, so each reader gets theirs.
    """
    if revision.restored_from_number is not None:
        restored = _("Restored from revision %(number)d", number=revision.restored_from_number)
        return f"{restored}. {revision.summary}" if revision.summary else restored
    if revision.summary:
        return revision.summary
    return _("Standard created") if revision.number == 1 else ""
