"""Stable anchors in a standard's rendered HTML: each part's id from its parsed structure.

Headings of sections and elements, and the list items of criteria, products,
knowledge, attitudes and glossary entries, and their nested sub-criteria, get the
part's stable id (``E0875``, ``E0875-d3``, ``E0875-d3-c1``, ``s-purpose``), so links
and comments keep pointing at the same criterion when other text changes. Runs as a
Python-Markdown tree processor before the table of contents, which keeps ids already set.
"""

from collections.abc import Iterator

# Markdown's tree nodes, built here; no XML is parsed (bandit B405)
from xml.etree.ElementTree import Element as Node  # nosec B405

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from wiki.standards.structure import (
    _ELEMENT,
    _KIND_BY_ALIAS,
    _SECTION_BY_ALIAS,
    Item,
    ItemKind,
    Structure,
    normalize_heading,
)

#: after inline processing (priority 20), before the table of contents (5)
PRIORITY = 7


class PartAnchors(Treeprocessor):
    """Set the structure's ids on the headings and list items they were parsed from."""

    def __init__(self, md: Markdown, structure: Structure):
        super().__init__(md)
        self.structure = structure

    def run(self, root: Node) -> None:
        elements = iter(self.structure.elements)
        sections: dict[str, list] = {}
        for section in self.structure.sections:
            sections.setdefault(section.key, []).append(section)
        owner_items: dict[ItemKind, Iterator[Item]] | None = None
        owner_id = ""
        kind: ItemKind | None = None
        for node in root:
            text = "".join(node.itertext()).strip()
            if node.tag == "h2":
                owner_items, kind = None, None
                if _ELEMENT.fullmatch(text):
                    element = next(elements, None)
                    if element is not None:
                        node.set("id", element.id)
                        owner_items, owner_id = _by_kind(element.items), element.id
                    continue
                key = _SECTION_BY_ALIAS.get(normalize_heading(text))
                if key and sections.get(key):
                    section = sections[key].pop(0)
                    node.set("id", section.id)
                    if section.items:
                        owner_items, kind = _by_kind(section.items), ItemKind.GLOSSARY
            elif node.tag == "h3" and owner_items is not None:
                kind = _KIND_BY_ALIAS.get(normalize_heading(text))
                if kind is not None:
                    node.set("id", f"{owner_id}-{kind.value}")
            elif node.tag in ("ol", "ul") and owner_items is not None and kind is not None:
                items = owner_items.get(kind)
                for list_item in node.findall("li"):
                    item = next(items, None) if items is not None else None
                    if item is None:
                        break
                    list_item.set("id", item.id)
                    _anchor_sub_items(list_item, item)


def _anchor_sub_items(list_item: Node, item: Item) -> None:
    """Nested list items, in document order, are the criterion's sub-criteria."""
    nested = [node for node in list_item.iter("li") if node is not list_item]
    for node, sub_id in zip(nested, item.sub_ids, strict=False):
        node.set("id", sub_id)


def _by_kind(items: tuple[Item, ...]) -> dict[ItemKind, Iterator[Item]]:
    grouped: dict[ItemKind, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.kind, []).append(item)
    return {kind: iter(group) for kind, group in grouped.items()}
