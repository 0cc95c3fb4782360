"""Line-and-word diffs between two revisions' Markdown bodies, as data for the templates.

`diff_texts(old, new)` compares line by line; inside a replaced line it compares word by word,
so a one-word edit in a long paragraph highlights that word only. Nothing here builds HTML:
the templates render these values and Jinja escapes them.

Line endings are normalised first (CRLF and CR become LF) and a final newline is implied, so
``"a\\r\\nb"`` and ``"a\\nb\\n"`` are the same text (`normalize_newlines`, `split_lines`).

Types:

- `Segment(text, changed)`: a run of one line. ``changed`` is true when the run is not in the
  other side of the comparison (the words to highlight). A line's segments join to the line;
  an empty line has no segments.
- `DiffLine(op, old_number, new_number, old_segments, new_segments)`: one line of the
  comparison. Numbers count from 1 and are None on the side the line is absent from. A
  ``REPLACE`` line pairs an old line with a similar new one; dissimilar lines become a
  ``DELETE`` and an ``INSERT``.
- `Hunk(lines)`: changed lines with up to ``context`` equal lines around them; the equal lines
  between hunks are left out.
- `Diff(hunks, added, removed)`: ``added`` and ``removed`` count lines (a replaced line counts
  once in each).
- `InlineRow(op, old_number, new_number, segments, hunk)`, from `Diff.inline_rows`: one row per
  displayed line for a one-column view. ``op`` is EQUAL, DELETE or INSERT, never REPLACE: a
  replaced line gives a DELETE row then an INSERT row. ``hunk`` is the hunk's index, so a
  template draws a separator where it changes.
- `SideBySideRow(op, left, right, hunk)`, from `Diff.side_by_side_rows`: one row for a
  two-column view, ``left``/``right`` a `Cell(number, segments)` or None (DELETE has no right,
  INSERT no left).
"""

from __future__ import annotations

import difflib
import enum
import re
from collections import Counter
from dataclasses import dataclass


class Op(enum.StrEnum):
    """What happened to a line."""

    EQUAL = "equal"  #: in both texts, unchanged
    INSERT = "insert"  #: only in the new text
    DELETE = "delete"  #: only in the old text
    REPLACE = "replace"  #: an old line and a similar new line, compared word by word


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


Segments = tuple[Segment, ...]


@dataclass(frozen=True)
class DiffLine:
    op: Op
    old_number: int | None
    new_number: int | None
    old_segments: Segments
    new_segments: Segments


@dataclass(frozen=True)
class Hunk:
    lines: tuple[DiffLine, ...]


@dataclass(frozen=True)
class InlineRow:
    op: Op
    old_number: int | None
    new_number: int | None
    segments: Segments
    hunk: int

    @property
    def text(self) -> str:
        """The whole line."""
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True)
class Cell:
    number: int
    segments: Segments

    @property
    def text(self) -> str:
        """The whole line."""
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True)
class SideBySideRow:
    op: Op
    left: Cell | None
    right: Cell | None
    hunk: int


@dataclass(frozen=True)
class Diff:
    hunks: tuple[Hunk, ...]
    added: int
    removed: int

    @property
    def is_empty(self) -> bool:
        """True when the two texts have the same lines."""
        return not self.hunks

    def inline_rows(self) -> list[InlineRow]:
        """Rows for a one-column view: each row is one old or new line."""
        rows: list[InlineRow] = []
        for index, hunk in enumerate(self.hunks):
            for line in hunk.lines:
                if line.op is Op.EQUAL:
                    rows.append(
                        InlineRow(
                            Op.EQUAL, line.old_number, line.new_number, line.old_segments, index
                        )
                    )
                    continue
                if line.old_number is not None:
                    rows.append(
                        InlineRow(Op.DELETE, line.old_number, None, line.old_segments, index)
                    )
                if line.new_number is not None:
                    rows.append(
                        InlineRow(Op.INSERT, None, line.new_number, line.new_segments, index)
                    )
        return rows

    def side_by_side_rows(self) -> list[SideBySideRow]:
        """Rows for a two-column view: the old line on the left, the new on the right."""
        rows: list[SideBySideRow] = []
        for index, hunk in enumerate(self.hunks):
            for line in hunk.lines:
                left = None if line.old_number is None else Cell(line.old_number, line.old_segments)
                right = (
                    None if line.new_number is None else Cell(line.new_number, line.new_segments)
                )
                rows.append(SideBySideRow(line.op, left, right, index))
        return rows


# Combining marks, variation selectors and skin tones stay with the character before them, so
# a highlight never splits "é" written as e + U+0301, or an emoji from its modifier.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\U0001f3fb-\U0001f3ff"
_TOKEN = re.compile(rf"[\w{_MARKS}\u200d]+|\s+|[^\w\s](?:[{_MARKS}]|\u200d\S)*")

#: Below this share of common words two lines are shown as a deletion and an insertion.
PAIRING_THRESHOLD = 0.4
# The pairing search is quadratic in the block's size; big rewrites are rare and need no pairing.
_MAX_PAIRING_CELLS = 400


def normalize_newlines(text: str) -> str:
    """Return text with LF line endings and a final newline (empty text stays empty)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    return text


def split_lines(text: str) -> list[str]:
    """Split text into lines without their endings, after `normalize_newlines`."""
    text = normalize_newlines(text)
    return text[:-1].split("\n") if text else []


def diff_texts(old: str, new: str, context: int = 3) -> Diff:
    """Compare two texts line by line, and word by word inside replaced lines."""
    if context < 0:
        raise ValueError("context must not be negative")
    old_lines, new_lines = split_lines(old), split_lines(new)
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_lines, new_lines):
        if tag == "equal":
            for offset in range(i2 - i1):
                segments = _whole(old_lines[i1 + offset], changed=False)
                lines.append(
                    DiffLine(Op.EQUAL, i1 + offset + 1, j1 + offset + 1, segments, segments)
                )
        else:
            lines.extend(_changed_block(old_lines, i1, i2, new_lines, j1, j2))
    added = sum(1 for line in lines if line.op in (Op.INSERT, Op.REPLACE))
    removed = sum(1 for line in lines if line.op in (Op.DELETE, Op.REPLACE))
    return Diff(_hunks(lines, context), added, removed)


def _whole(text: str, *, changed: bool) -> Segments:
    return (Segment(text, changed),) if text else ()


def _changed_block(
    old_lines: list[str], i1: int, i2: int, new_lines: list[str], j1: int, j2: int
) -> list[DiffLine]:
    if i2 - i1 == 1 and j2 - j1 == 1:
        # The common case, one edited line: its word diff also tells whether to pair it.
        old_segments, new_segments, similarity = _word_diff(old_lines[i1], new_lines[j1])
        if similarity >= PAIRING_THRESHOLD:
            return [DiffLine(Op.REPLACE, i1 + 1, j1 + 1, old_segments, new_segments)]
        pairs = []
    else:
        pairs = _pair_lines(old_lines[i1:i2], new_lines[j1:j2])
    lines: list[DiffLine] = []
    old_at, new_at = i1, j1
    for old_offset, new_offset in [*pairs, (i2 - i1, j2 - j1)]:
        for index in range(old_at, i1 + old_offset):
            lines.append(
                DiffLine(Op.DELETE, index + 1, None, _whole(old_lines[index], changed=True), ())
            )
        for index in range(new_at, j1 + new_offset):
            lines.append(
                DiffLine(Op.INSERT, None, index + 1, (), _whole(new_lines[index], changed=True))
            )
        old_at, new_at = i1 + old_offset + 1, j1 + new_offset + 1
        if old_offset < i2 - i1:
            old_text, new_text = old_lines[old_at - 1], new_lines[new_at - 1]
            if old_text == new_text:
                segments = _whole(old_text, changed=False)
                lines.append(DiffLine(Op.EQUAL, old_at, new_at, segments, segments))
                continue
            old_segments, new_segments, _ = _word_diff(old_text, new_text)
            lines.append(DiffLine(Op.REPLACE, old_at, new_at, old_segments, new_segments))
    return lines


def _pair_lines(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pick the (old, new) index pairs to compare word by word, in order on both sides."""
    if len(old) * len(new) > _MAX_PAIRING_CELLS:
        if len(old) != len(new):
            return []
        return [(i, i) for i in range(len(old)) if _similarity(old[i], new[i]) >= PAIRING_THRESHOLD]
    # Best monotone pairing by total similarity, so an edited line still meets its new
    # version when a line was inserted or deleted next to it.
    old_words = [_word_counts(line) for line in old]
    new_words = [_word_counts(line) for line in new]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(1, len(old) + 1):
        for j in range(1, len(new) + 1):
            score = max(best[i - 1][j], best[i][j - 1])
            if old[i - 1] == new[j - 1]:
                similarity = 1.0
            else:
                similarity = _counts_similarity(old_words[i - 1], new_words[j - 1])
            if similarity >= PAIRING_THRESHOLD:
                score = max(score, best[i - 1][j - 1] + similarity)
            best[i][j] = score
    pairs: list[tuple[int, int]] = []
    i, j = len(old), len(new)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _word_counts(line: str) -> Counter[str]:
    return Counter(token for token in _TOKEN.findall(line) if not token.isspace())


def _counts_similarity(old: Counter[str], new: Counter[str]) -> float:
    total = old.total() + new.total()
    return 2 * (old & new).total() / total if total else 0.0


def _similarity(old: str, new: str) -> float:
    return _counts_similarity(_word_counts(old), _word_counts(new))


def _word_diff(old: str, new: str) -> tuple[Segments, Segments, float]:
    """Segments of both lines, and the share of their words (not spaces) in common."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    common = 0
    old_runs: list[tuple[str, bool]] = []
    new_runs: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in _opcodes(_match_keys(old_tokens), _match_keys(new_tokens)):
        if tag == "equal":
            common += i2 - i1 - sum(map(str.isspace, old_tokens[i1:i2]))
            old_runs.append(("".join(old_tokens[i1:i2]), False))
            new_runs.append(("".join(new_tokens[j1:j2]), False))
            continue
        # The space after a changed word differs only in its key: leave it unhighlighted.
        trail = 0
        while (
            i1 < i2 - trail
            and j1 < j2 - trail
            and old_tokens[i2 - 1 - trail].isspace()
            and old_tokens[i2 - 1 - trail] == new_tokens[j2 - 1 - trail]
        ):
            trail += 1
        old_runs.append(("".join(old_tokens[i1 : i2 - trail]), True))
        old_runs.append(("".join(old_tokens[i2 - trail : i2]), False))
        new_runs.append(("".join(new_tokens[j1 : j2 - trail]), True))
        new_runs.append(("".join(new_tokens[j2 - trail : j2]), False))
    spaces = sum(map(str.isspace, old_tokens)) + sum(map(str.isspace, new_tokens))
    words = len(old_tokens) + len(new_tokens) - spaces
    similarity = 2 * common / words if words else 0.0
    return _merge_runs(old_runs), _merge_runs(new_runs), similarity


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes, with the common head and tail set aside first.

    An edited line usually differs in a word or two, and difflib's search costs far more
    than comparing the unchanged ends.
    """
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    # autojunk would treat blank lines, list markers and spaces as junk and misalign the
    # diff around them.
    middle = difflib.SequenceMatcher(
        None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False
    )
    opcodes = [("equal", 0, head, 0, head)] if head else []
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        opcodes.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        opcodes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return opcodes


def _match_keys(tokens: list[str]) -> list[str]:
    """Tokens as compared: a space carries the word before it.

    Bare spaces would be the most frequent token; difflib anchors matches on them and slows
    down a lot on frequent tokens. Tokens never mix spaces and other characters, so a key
    cannot collide with a word.
    """
    keys: list[str] = []
    previous = ""
    for token in tokens:
        if token.isspace():
            keys.append(previous + token)
        else:
            keys.append(token)
            previous = token
    return keys


def _merge_runs(runs: list[tuple[str, bool]]) -> Segments:
    segments: list[Segment] = []
    for text, changed in runs:
        if not text:
            continue
        if segments and segments[-1].changed == changed:
            segments[-1] = Segment(segments[-1].text + text, changed)
        else:
            segments.append(Segment(text, changed))
    return tuple(segments)


def _hunks(lines: list[DiffLine], context: int) -> tuple[Hunk, ...]:
    changed = [index for index, line in enumerate(lines) if line.op is not Op.EQUAL]
    if not changed:
        return ()
    spans: list[list[int]] = []
    for index in changed:
        start, end = max(0, index - context), min(len(lines), index + context + 1)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return tuple(Hunk(tuple(lines[start:end])) for start, end in spans)
