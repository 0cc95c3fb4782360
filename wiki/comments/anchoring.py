"""Where a thread points in a standard, and whether that part has changed since (plain Python).

A thread records the stable id of the part it is about and that part's text in the revision it
was written on. Later revisions are compared with that text, never with the revisions between,
so a part that changes and changes back is current again.
"""

import enum
from dataclasses import dataclass

from wiki.standards.structure import Element, Item, Section, Structure, SubItem

#: longest excerpt of a part's text shown in a label or a choice list
EXCERPT_CHARS = 90


class AnchorState(enum.StrEnum):
    """A thread's part, compared between the revision it was written on and another revision."""

    #: the part says the same
    CURRENT = "current"
    #: the part is there but its text changed: the thread is outdated
    CHANGED = "changed"
    #: the part is gone: the thread is outdated
    REMOVED = "removed"


def anchor_state(written_text: str | None, current_text: str | None) -> AnchorState:
    """Compare a part's text when the thread was written with its text now (None: no such part)."""
    if current_text is None:
        return AnchorState.REMOVED
    if written_text != current_text:
        return AnchorState.CHANGED
    return AnchorState.CURRENT


def is_outdated(state: AnchorState) -> bool:
    """Whether the thread should be shown as out of date."""
    return state is not AnchorState.CURRENT


@dataclass(frozen=True)
class PartDescription:
    """What a part is, as data a template turns into words (``comments/_macros.html``)."""

    part_id: str
    #: "section", "element", an ``ItemKind`` value for criteria and glossary entries, or
    #: "sub_criterion"
    kind: str
    #: position of the element, or of the criterion within its list
    number: int | None
    #: section title, element title, or the criterion's text (shortened)
    title: str
    #: for a criterion: the code (or number) of its element, or the title of its section;
    #: for a sub-criterion: its criterion's id
    owner: str | None = None
    #: 0 for sections and elements, 1 for what they contain, 2 for sub-criteria
    depth: int = 0


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first ``limit`` characters of one-line text, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _describe_item(item: Item, owner: str) -> list[PartDescription]:
    """The item, then each of its sub-criteria."""
    text = f"{item.term}: {item.text}" if item.term else item.text
    described = [
        PartDescription(
            part_id=item.id,
            kind=item.kind.value,
            number=item.number,
            title=excerpt(text),
            owner=owner,
            depth=1,
        )
    ]
    for sub in item.sub_parts():
        described.append(
            PartDescription(sub.id, "sub_criterion", sub.number, excerpt(sub.text), item.id, 2)
        )
    return described


def describe_parts(structure: Structure) -> list[PartDescription]:
    """Every part a comment may be about, in document order (sections first, then elements)."""
    parts: list[PartDescription] = []
    for section in structure.sections:
        parts.append(PartDescription(section.id, "section", None, excerpt(section.title)))
        for item in section.items:
            parts.extend(_describe_item(item, section.title))
    for element in structure.elements:
        parts.append(
            PartDescription(
                element.id, "element", element.number, excerpt(element.title), element.code
            )
        )
        owner = element.code or str(element.number)
        for item in element.items:
            parts.extend(_describe_item(item, owner))
    return parts


def describe_part(structure: Structure, part_id: str) -> PartDescription | None:
    """The description of one part, or None when the structure has no such part."""
    found = structure.find(part_id)
    if found is None:
        return None
    if isinstance(found, Section):
        return PartDescription(found.id, "section", None, excerpt(found.title))
    if isinstance(found, Element):
        return PartDescription(found.id, "element", found.number, excerpt(found.title), found.code)
    for part in describe_parts(structure):
        if part.part_id == part_id:
            return part
    return None  # pragma: no cover - find() and describe_parts() walk the same parts


def document_order(structure: Structure) -> dict[str, int]:
    """Position of each part id in the document, to sort threads the way the text reads."""
    return {part.part_id: position for position, part in enumerate(describe_parts(structure))}


def heading_anchor(structure: Structure, part_id: str, toc: list) -> str | None:
    """The HTML anchor of the heading that holds a part, from the revision's table of contents.

    Criteria have no anchors of their own; they point at their element's heading.
    """
    found = structure.find(part_id)
    if isinstance(found, SubItem):
        found = structure.find(found.parent_id)
    if isinstance(found, Item):
        owner = next(
            (p for p in (*structure.sections, *structure.elements) if found in p.items), None
        )
        found = owner
    level_two = [(anchor, title) for level, anchor, title in toc if level == 2]
    if isinstance(found, Section):
        return next((anchor for anchor, title in level_two if title.strip() == found.title), None)
    if isinstance(found, Element):
        if found.code:
            return next((anchor for anchor, title in level_two if found.code in title), None)
        return next((anchor for anchor, title in level_two if found.title in title), None)
    return None
