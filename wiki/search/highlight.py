"""Snippets: a window of a hit's text with the matching words marked, safe to put in a page.

Every piece of text is escaped; the only markup added is ``<mark>``. A word matches when its
index term is a term of the query (so "evaluaciones" is marked for "evaluacion") or when it
starts with one of the query's prefixes. Words under NOT are never marked.

Candidates (words starting like a query term, in any case, with or without accents) are
found with plain substring search, and only those are analysed, so a long standard costs
little.
"""

import re
from dataclasses import dataclass
from itertools import product

from markupsafe import Markup, escape

from wiki.search import analysis
from wiki.search import query as q

#: characters in a snippet, and shown before its first match
SNIPPET_CHARS = 240
LEAD_CHARS = 40
#: letters of a term a candidate word must start with (stems may change later letters)
CANDIDATE_LETTERS = 4

_SPACES = re.compile(r"\s+")
#: a folded vowel and how Spanish writes it, for finding candidates in unfolded text
_ACCENTS = {"a": "aá", "e": "eé", "i": "ií", "o": "oó", "u": "uúü"}


@dataclass(frozen=True)
class Highlighter:
    """Which words of a text in ``language`` match the query's positive terms."""

    language: str
    terms: frozenset[str]
    prefixes: tuple[str, ...] = ()
    #: how a matching word may start in lower-case text: term starts with accents or without
    starts: tuple[str, ...] = ()

    def matches(self, word: str) -> bool:
        if analysis.fold(word).startswith(self.prefixes):
            return True
        return analysis.term(word, self.language) in self.terms


def _accented(start: str) -> set[str]:
    """``start`` with each vowel written with or without its accents."""
    return {"".join(letters) for letters in product(*(_ACCENTS.get(c, c) for c in start))}


def highlighter_for(node: q.Node | None, language: str) -> Highlighter:
    terms: set[str] = set()
    prefixes: list[str] = []
    for leaf in q.leaves(node, positive_only=True):
        if isinstance(leaf, q.Word):
            terms.update(analysis.terms(leaf.text, language))
        elif isinstance(leaf, q.Phrase):
            terms.update(analysis.terms(" ".join(leaf.words), language))
        elif isinstance(leaf, q.Prefix):
            prefixes.append(leaf.text)
            terms.update(analysis.stems_within_prefix(leaf.text))
    starts = set()
    for found in (*terms, *prefixes):
        starts |= _accented(found[:CANDIDATE_LETTERS])
    return Highlighter(language, frozenset(terms), tuple(prefixes), tuple(sorted(starts)))


def _candidates(text: str, starts: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` that begin with one of ``starts``."""
    lower = text.lower()
    if len(lower) != len(text):  # rare letters whose lower case is longer
        return [m.span() for m in analysis.WORD.finditer(text)]
    spans = set()
    for start in starts:
        position = lower.find(start)
        while position != -1:
            if position == 0 or not _is_word_char(lower[position - 1]):
                spans.add(analysis.WORD.match(lower, position).span())
            position = lower.find(start, position + 1)
    return sorted(spans)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _matches(text: str, highlighter: Highlighter) -> list[tuple[int, int]]:
    """Spans of the matching words of ``text``, in order."""
    return [
        (left, right)
        for left, right in _candidates(text, highlighter.starts)
        if highlighter.matches(text[left:right])
    ]


def _flatten(text: str) -> str:
    """One line: the line breaks between a standard's parts become " · "."""
    return _SPACES.sub(lambda m: " · " if "\n" in m.group() else " ", text)


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> Markup:
    pieces, cursor = [], start
    for left, right in spans:
        if left < start or right > end:
            continue
        pieces.append(escape(_flatten(text[cursor:left])))
        pieces.append(Markup("<mark>%s</mark>") % text[left:right])
        cursor = right
    pieces.append(escape(_flatten(text[cursor:end])))
    return Markup("").join(pieces)


def highlight(text: str, highlighter: Highlighter) -> Markup:
    """The whole (short) text, escaped, with matching words marked."""
    return _render(text, _matches(text, highlighter), 0, len(text))


def _word_start(text: str, position: int) -> int:
    """``position`` moved forward to the start of a word, unless it already is one."""
    if position <= 0:
        return 0
    if text[position - 1].isspace():
        return position
    found = _SPACES.search(text, position)
    return found.end() if found else position


def _word_end(text: str, position: int) -> int:
    """``position`` moved back to the end of a word, unless it is the end of the text."""
    if position >= len(text) or text[position].isspace():
        return min(position, len(text))
    cut = text.rfind(" ", 0, position)
    return cut if cut > 0 else position


def snippet(text: str, highlighter: Highlighter, chars: int = SNIPPET_CHARS) -> Markup:
    """The window of about ``chars`` characters with the most matches, escaped and marked."""
    spans = _matches(text, highlighter)
    first = 0
    if spans:
        best, best_count, right = spans[0][0], 0, 0
        for left, (position, _) in enumerate(spans):
            while right < len(spans) and spans[right][1] <= position - LEAD_CHARS + chars:
                right += 1
            if right - left > best_count:
                best, best_count = position, right - left
        first = max(0, best - LEAD_CHARS)
    start = _word_start(text, first)
    end = _word_end(text, start + chars)
    body = _render(text, spans, start, end)
    before = Markup("… ") if start > 0 else Markup("")
    after = Markup(" …") if end < len(text) else Markup("")
    return before + body.strip() + after
