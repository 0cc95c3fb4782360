"""What Markdown the renderer accepts: texts it renders quickly, refused with a message otherwise.

Python-Markdown is slow, and worse than linear, on some inputs: a block of many heading or rule
lines is rescanned once per line (the tables extension tests the whole rest of the block each
time, issue 14), each inline element and table cell costs about as much as a line, deep nesting
recurses, and unclosed brackets or tags are rescanned to the end. These checks are cheap and run
before Python-Markdown sees the text; their limits keep the worst accepted text well under a
second (``benchmarks/bench_render.py`` measures it) and are far above real standards.
"""

from __future__ import annotations

import re

from wiki.errors import InvalidInput
from wiki.i18n import N_

#: Longest text rendered at all; longer input is refused before Python-Markdown sees it.
MAX_CHARS = 300_000
#: Deepest nesting of blockquotes and lists rendered at all; Python-Markdown recurses once per
#: level.
MAX_NESTING = 32
#: The stricter limits a new text must meet, stored texts not (see ``check_renderable``):
#: longest text,
MAX_TEXT_CHARS = 150_000
#: deepest nesting of blockquotes and lists (the cost of a line grows with its depth),
MAX_TEXT_NESTING = 8
#: most lines in a text,
MAX_LINES = 1_500
#: most lines in one block (lines with no blank line between them); the renderer's cost grows
#: with the square of a block's length,
MAX_BLOCK_LINES = 100
#: most headings and horizontal rules (a line of ``-``, ``=``, ``*`` or ``_``): each costs the
#: renderer and the structure parser several times what a line of text does,
MAX_HEADINGS = 300
#: most formatting marks in a text: runs of ``*`` or backticks, ``_`` at a word's edge, ``[``,
#: ``<``, ``&``, ``|``, backslash escapes and hard line breaks. Each becomes an element or a cell.
#: The worst text within them all renders in about a fifth of a second on a busy machine.
MAX_MARKS = 1_000
#: Deepest nesting of ``[`` or ``(`` inside one block.
MAX_BRACKET_DEPTH = 32
#: Budget for characters Python-Markdown may rescan: each unclosed ``[`` or ``(`` costs its
#: block's length, each tag-like ``<`` the distance to its ``>`` (quadratic cases, issue #798).
MAX_SCAN_COST = 4_000_000

# An ATX heading, a setext underline (one ``=`` or ``-`` is enough) or a horizontal rule.
_HEADING = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|=+ *$|-+ *$|(?:[-*_] *){3,}$)")
_MARK = re.compile(r"\*+|`+|(?<!\w)_+|_+(?!\w)|[<&\[|]|\\.| {2,}$")


class MarkdownRefused(InvalidInput):
    """The text would make the renderer too slow or too deep; ``message`` says why."""


def check_renderable(text: str, *, new_text: bool = True) -> None:
    """Raise MarkdownRefused if the text is too long, too deeply nested or too bracket-heavy.

    ``new_text`` applies the stricter ``MAX_TEXT_*`` limits and those on lines, blocks, headings
    and marks, which texts stored before them (re-rendered by ``wiki.standards.rebuild``) need
    not meet.
    """
    max_chars, max_nesting = (MAX_TEXT_CHARS, MAX_TEXT_NESTING) if new_text else (
        MAX_CHARS, MAX_NESTING
    )
    if len(text) > max_chars:
        raise MarkdownRefused(
            N_("The text is too long to display (more than %(limit)d characters)."),
            limit=max_chars,
        )
    lines = text.expandtabs(4).split("\n")
    if _max_nesting(lines) > max_nesting:
        raise MarkdownRefused(
            N_(
                "Lists or quotations are nested more than %(limit)d levels deep; "
                "please flatten them."
            ),
            limit=max_nesting,
        )
    cost = _tag_scan_cost(text)
    for block in _blocks(lines):
        depth, unmatched = _bracket_stats(block)
        if depth > MAX_BRACKET_DEPTH:
            raise MarkdownRefused(
                N_(
                    "Brackets are nested more than %(limit)d levels deep; "
                    "please simplify the text."
                ),
                limit=MAX_BRACKET_DEPTH,
            )
        cost += unmatched * len(block)
    if cost > MAX_SCAN_COST:
        raise MarkdownRefused(
            N_(
                "The text has too many unclosed brackets '[', '(' or '<'; "
                "please close or escape them."
            )
        )
    if new_text:
        _check_size(lines)


def _is_blank(line: str) -> bool:
    # Python-Markdown treats a line of spaces (tabs expanded) as blank, and nothing else.
    return not line.strip(" ")


TOO_MANY_LINES = N_("Line %(line)d: a text may have at most %(limit)d lines.")
TOO_MANY_HEADINGS = N_(
    "Line %(line)d: a text may have at most %(limit)d headings and horizontal rules."
)
TOO_MANY_MARKS = N_(
    "Line %(line)d: a text may have at most %(limit)d formatting marks "
    "(*, _, `, [, <, &, |, \\); write some of it as plain text."
)


def _check_size(lines: list[str]) -> None:
    """Refuse a text past ``MAX_LINES``, ``MAX_BLOCK_LINES``, ``MAX_HEADINGS`` or ``MAX_MARKS``,
    naming the line where it first goes past."""
    if len(lines) - (lines[-1] == "") > MAX_LINES:
        raise MarkdownRefused(TOO_MANY_LINES, line=MAX_LINES + 1, limit=MAX_LINES)
    block_start = None
    marks = headings = 0
    for number, line in enumerate(lines, start=1):
        if _is_blank(line):
            block_start = None
        elif block_start is None:
            block_start = number
        elif number - block_start >= MAX_BLOCK_LINES:
            raise MarkdownRefused(
                N_(
                    "Line %(line)d: the block that starts on line %(start)d is longer than "
                    "%(limit)d lines; separate its parts with blank lines."
                ),
                line=number,
                start=block_start,
                limit=MAX_BLOCK_LINES,
            )
        headings += bool(_HEADING.match(line))
        marks += len(_MARK.findall(line))
        if headings > MAX_HEADINGS:
            raise MarkdownRefused(TOO_MANY_HEADINGS, line=number, limit=MAX_HEADINGS)
        if marks > MAX_MARKS:
            raise MarkdownRefused(TOO_MANY_MARKS, line=number, limit=MAX_MARKS)


_CONTAINER = re.compile(r" {0,3}(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))")


def _max_nesting(lines: list[str]) -> int:
    # Fenced code is not skipped: an unclosed or malformed fence is no fence to Python-Markdown.
    deepest = 0
    for line in lines:
        stripped = line.lstrip(" ")
        # Four columns per level leaves room for indented code; list markers count in full.
        level = (len(line) - len(stripped)) // 4
        pos = 0
        while match := _CONTAINER.match(stripped, pos):
            level += 1
            pos = match.end()
            while pos < len(stripped) and stripped[pos] == " ":
                pos += 1
        deepest = max(deepest, level)
    return deepest


def _blocks(lines: list[str]):
    block: list[str] = []
    for line in lines:
        if not _is_blank(line):
            block.append(line)
        elif block:
            yield "\n".join(block)
            block = []
    if block:
        yield "\n".join(block)


_TAG_START = re.compile(r"<[A-Za-z/!?]")


def _tag_scan_cost(text: str) -> int:
    """Characters the HTML scanner may read again for each tag-like ``<`` before its ``>``."""
    # The raw-HTML scanner works across blank lines, so this is counted over the whole text.
    cost = 0
    for match in _TAG_START.finditer(text):
        end = text.find(">", match.start())
        cost += (len(text) if end < 0 else end) - match.start()
    return cost


def _bracket_stats(block: str) -> tuple[int, int]:
    """Deepest ``[``/``(`` nesting, and the count of ``[`` and ``(`` left unclosed."""
    if "[" not in block and "(" not in block:
        return 0, 0
    squares = parens = depth = 0
    escaped = False
    for ch in block:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            squares += 1
            depth = max(depth, squares)
        elif ch == "]":
            squares = max(squares - 1, 0)
        elif ch == "(":
            parens += 1
            depth = max(depth, parens)
        elif ch == ")":
            parens = max(parens - 1, 0)
    return depth, squares + parens
