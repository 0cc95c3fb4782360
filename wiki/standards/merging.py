"""Three-way merge of a revision body edited concurrently by two people.

`merge_texts(base, mine, theirs)`: ``base`` is the revision both started from, ``mine`` the text
being saved, ``theirs`` the revision saved meanwhile. Changes to different parts of ``base``
are combined; a part of ``base`` changed differently by both sides is a conflict, and then
there is no merged text: the caller shows both versions and keeps the user's text. Both sides
making the same change is no conflict.

This is the classic diff3 method: the lines of ``base`` that neither side touched anchor the
three texts together, and each stretch between anchors is resolved on its own. Changes that
touch without a shared unchanged line between them (edits to two adjacent lines) therefore
conflict, as in Git; paragraphs separated by a blank line merge.

Line endings are normalised and a final newline is implied (see `diffing.normalize_newlines`),
so a clean merge returns LF text that ends with a newline, or "" when empty.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from wiki.standards.diffing import split_lines


@dataclass(frozen=True)
class ConflictRegion:
    base: str
    mine: str
    theirs: str
    #: First line of the region in ``mine``, counting from 1; for a region that is empty in
    #: ``mine`` (mine deleted it), the line that follows the deletion.
    start_line: int


@dataclass(frozen=True)
class MergeResult:
    text: str | None
    conflicts: tuple[ConflictRegion, ...]

    @property
    def clean(self) -> bool:
        """True when both sides' changes merged without conflict."""
        return not self.conflicts


def merge_texts(base: str, mine: str, theirs: str) -> MergeResult:
    """Merge the changes base→mine and base→theirs, or report where they conflict."""
    base_lines, mine_lines, theirs_lines = split_lines(base), split_lines(mine), split_lines(theirs)
    merged: list[str] = []
    conflicts: list[ConflictRegion] = []
    at_base = at_mine = at_theirs = 0
    for base_start, mine_start, theirs_start, length in _anchors(
        base_lines, mine_lines, theirs_lines
    ):
        base_part = base_lines[at_base:base_start]
        mine_part = mine_lines[at_mine:mine_start]
        theirs_part = theirs_lines[at_theirs:theirs_start]
        if mine_part == theirs_part or theirs_part == base_part:
            merged.extend(mine_part)
        elif mine_part == base_part:
            merged.extend(theirs_part)
        else:
            conflicts.append(
                ConflictRegion(_join(base_part), _join(mine_part), _join(theirs_part), at_mine + 1)
            )
        merged.extend(base_lines[base_start : base_start + length])
        at_base, at_mine, at_theirs = (
            base_start + length,
            mine_start + length,
            theirs_start + length,
        )
    if conflicts:
        return MergeResult(None, tuple(conflicts))
    return MergeResult(_join(merged), ())


def _anchors(
    base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]
) -> list[tuple[int, int, int, int]]:
    """Runs of base lines unchanged on both sides: (base start, mine start, theirs start, length).

    The last run is an empty one at the three ends, so every stretch after an anchor is closed.
    """
    # autojunk would let frequent lines (blank lines, list markers) go unmatched and turn
    # untouched paragraphs of a long standard into conflicts.
    to_mine = difflib.SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    to_theirs = difflib.SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    anchors: list[tuple[int, int, int, int]] = []
    m = t = 0
    while m < len(to_mine) and t < len(to_theirs):
        m_base, m_other, m_size = to_mine[m]
        t_base, t_other, t_size = to_theirs[t]
        start, end = max(m_base, t_base), min(m_base + m_size, t_base + t_size)
        if start < end:
            anchors.append((start, m_other + start - m_base, t_other + start - t_base, end - start))
        if m_base + m_size < t_base + t_size:
            m += 1
        else:
            t += 1
    anchors.append((len(base), len(mine), len(theirs), 0))
    return anchors


def _join(lines: Sequence[str]) -> str:
    return "".join(line + "\n" for line in lines)
