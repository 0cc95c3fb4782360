"""The one rule for nested lists, shared by the structure parser and the Markdown renderer.

An item indented two or more columns more than the list item above it is that item's child;
otherwise it is a sibling of the nearest item at least as far out. The bilingual template
indents sub-criteria by three spaces under ``1.``; Python-Markdown alone nests only at four,
so the renderer re-indents list lines by this rule (``reindent_lists``) before
Python-Markdown reads them, and the parser reads depths from ``list_depths``. Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Columns an item must be indented past the item above it to be that item's child.
CHILD_INDENT = 2
#: Columns per nesting level in what Python-Markdown reads.
MARKDOWN_INDENT = 4
LIST_ITEM = re.compile(r"( *)(?:\d{1,9}[.)]|[-*+])(?:[ \t]+(.*))?$")
#: An ATX heading ends any list, even without a blank line before it.
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


@dataclass(frozen=True)
class ListLine:
    """What the rule makes of one line: its list depth and whether it starts an item.

    ``depth`` is None outside a list; for a continuation line it is the depth of the item
    it continues.
    """

    depth: int | None
    is_item: bool
    text: str


def list_depths(lines: list[str]) -> list[ListLine]:
    """Each line's place in the lists of ``lines`` (tabs already expanded)."""
    result: list[ListLine] = []
    indents: list[int] = []  # indentation of the open item at each depth
    after_blank = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            result.append(ListLine(len(indents) - 1 if indents else None, False, ""))
            after_blank = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        match = LIST_ITEM.match(line)
        if _HEADING.match(line):
            indents.clear()
            result.append(ListLine(None, False, stripped))
        elif match and (indents or indent < MARKDOWN_INDENT):
            while indents and indent < indents[-1] + CHILD_INDENT:
                indents.pop()
            indents.append(indent)
            result.append(ListLine(len(indents) - 1, True, match.group(2) or ""))
        elif indents and (indent >= CHILD_INDENT or not after_blank):
            # An indented line continues the item it is under; an unindented one right after
            # an item is a lazy continuation of it.
            while len(indents) > 1 and indent < indents[-1] + CHILD_INDENT and after_blank:
                indents.pop()
            result.append(ListLine(len(indents) - 1, False, stripped))
        else:
            indents.clear()
            result.append(ListLine(None, False, stripped))
        after_blank = False
    return result


def reindent_lists(lines: list[str]) -> list[str]:
    """The lines with list items and their continuations indented four columns per depth.

    Python-Markdown (with "sane lists") folds an item into the text above it when the marker
    changes from numbers to bullets, or when, after a blank line, it steps back out of a
    nested list; a blank line before such an item makes it the item the rule says it is.
    """
    out: list[str] = []
    places = list_depths([line.expandtabs(4) for line in lines])
    kinds: list[str] = []  # marker kind of the last item at each open depth
    blank_in_list = False
    for line, place in zip(lines, places, strict=True):
        if place.depth is None:
            out.append(line)
            kinds, blank_in_list = [], False
            continue
        if not line.strip():
            out.append(line)
            blank_in_list = True
            continue
        indent = MARKDOWN_INDENT * (place.depth if place.is_item else place.depth + 1)
        if place.is_item:
            kind = _kind(line)
            changes_kind = len(kinds) > place.depth and kinds[place.depth] != kind
            steps_out = len(kinds) > place.depth + 1 and blank_in_list
            if (changes_kind or steps_out) and out and out[-1].strip():
                out.append("")
                blank_in_list = True
            kinds = [*kinds[: place.depth], kind]
            if place.depth == 0:
                blank_in_list = False
        out.append(" " * indent + line.lstrip(" \t"))
    return out


def _kind(line: str) -> str:
    return "ordered" if line.lstrip(" \t")[:1].isdigit() else "bullet"
