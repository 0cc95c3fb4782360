"""Template text left in a standard, and required sections missing: what keeps it from the registry.

The rule, in plain words:

- A line's *content* is the line without its Markdown heading marks (``## ``) or list marker
  (``1. ``, ``- ``); for an element heading (``## Elemento 2 de 2: E0002 Título del segundo
  elemento``) it is the element's title. Content is compared trimmed, case-folded and with runs
  of spaces made one.
- A *placeholder* is a line whose content equals the content of a line of the bilingual
  template, in either language (``templates/standard_es.md``, ``standard_en.md``).
- Blank lines have no content, and the template's section and subsection headings
  (``## Propósito``, ``### Desempeños``…) are the structure every standard must keep, so neither
  is ever a placeholder. Everything else the template says is an instruction or an example:
  "Describa en uno o dos párrafos…", "Título del segundo elemento", "Criterio de la acción."
- A template paragraph rewrapped onto other line breaks is not matched line by line; the
  committee reads what it balloted, and this check is there for what was never touched.
- Required: a purpose, a description and a competency level, each with some text, and at
  least one element with at least one performance criterion.

Pure Python: it reads the templates shipped with the package and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from wiki.standards.starter import template_for
from wiki.standards.structure import (
    ELEMENT_HEADING,
    SECTION_ALIASES,
    SUBSECTION_ALIASES,
    ItemKind,
    Structure,
    normalize_heading,
    parse_structure,
)

#: the sections every standard needs, each with some text
REQUIRED_SECTIONS = ("purpose", "description", "level")
#: the code for "no element has a performance criterion"
MISSING_PERFORMANCE = "performance_criteria"
#: the template languages whose lines count as placeholders
TEMPLATE_LANGUAGES = ("es", "en")

_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?$")
_LIST_MARKER = re.compile(r"(?:\d{1,9}[.)]|[-*+])(?:[ \t]+|$)")
_STRUCTURE_HEADINGS = frozenset(
    alias for aliases in (*SECTION_ALIASES.values(), *SUBSECTION_ALIASES.values())
    for alias in aliases
)


@dataclass(frozen=True)
class Placeholder:
    """A line of template text: its number (from 1) and the line as written, trimmed."""

    line: int
    text: str


@dataclass(frozen=True)
class TemplateCheck:
    """Template text still in a revision, and the required parts it lacks."""

    placeholders: tuple[Placeholder, ...] = ()
    #: codes of what is missing: ``REQUIRED_SECTIONS`` members and ``MISSING_PERFORMANCE``
    missing: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether nothing is left to fix."""
        return not self.placeholders and not self.missing

    @property
    def problems(self) -> int:
        return len(self.placeholders) + len(self.missing)


def line_content(line: str) -> str:
    """What a line says, for comparison: without heading or list marks, trimmed, case-folded."""
    text = line.strip()
    heading = _HEADING.fullmatch(text)
    if heading is not None:
        text = heading.group(1).strip()
        element = ELEMENT_HEADING.fullmatch(text)
        if element is not None:
            text = element.group(4)
    else:
        marker = _LIST_MARKER.match(text)
        if marker is not None:
            text = text[marker.end():]
    return " ".join(text.casefold().split())


def _is_structure_heading(line: str) -> bool:
    heading = _HEADING.fullmatch(line.strip())
    return heading is not None and normalize_heading(heading.group(1)) in _STRUCTURE_HEADINGS


@cache
def template_contents() -> frozenset[str]:
    """The content of every line of the templates that counts as a placeholder."""
    contents = set()
    for language in TEMPLATE_LANGUAGES:
        for line in template_for(language).splitlines():
            if _is_structure_heading(line):
                continue
            content = line_content(line)
            if any(ch.isalnum() for ch in content):
                contents.add(content)
    return frozenset(contents)


def is_placeholder(line: str) -> bool:
    """Whether ``line`` says what a line of the template says (see the module's rule)."""
    if _is_structure_heading(line):
        return False
    content = line_content(line)
    return bool(content) and content in template_contents()


def placeholders_in(markdown: str) -> tuple[Placeholder, ...]:
    """Every placeholder line of ``markdown``, in order."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return tuple(
        Placeholder(number, line.strip())
        for number, line in enumerate(lines, start=1)
        if is_placeholder(line)
    )


def missing_parts(structure: Structure) -> tuple[str, ...]:
    """The required parts ``structure`` lacks, as codes, in the template's order."""
    written = {section.key for section in structure.sections if section.text.strip()}
    missing = [key for key in REQUIRED_SECTIONS if key not in written]
    criteria = (item for element in structure.elements for item in element.items)
    if not any(item.kind is ItemKind.PERFORMANCE for item in criteria):
        missing.append(MISSING_PERFORMANCE)
    return tuple(missing)


def check_template_text(markdown: str, structure: Structure | None = None) -> TemplateCheck:
    """The placeholders and missing parts of a revision (its stored structure, if given)."""
    if structure is None:
        structure = parse_structure(markdown)
    return TemplateCheck(placeholders_in(markdown), missing_parts(structure))
