"""What a person typed into the search box, parsed into a small query tree, in plain Python.

The language: words (all must match), ``"a phrase"``, ``OR``, ``AND``, ``NOT`` or a leading
``-``, ``prefix*``, parentheses, and standard codes (``EC0217``, ``EC0217.01``) matched exactly.
Spanish operators ``Y``, ``O`` and ``NO`` work too; operators must be written in capitals.

There are no field names: ``status:draft`` is the two words "status draft", so a query can
never reach the fields that decide who sees what. The parser never fails on syntax: an
unclosed quote or bracket closes at the end, a stray operator is ignored. What it cannot
search for becomes a ``problem``, a message id shown instead of results.
"""

import re
import unicodedata
from dataclasses import dataclass

from wiki.i18n import N_
from wiki.search.analysis import MAX_WORD_CHARS, WORD, fold

#: longer queries are refused with a message rather than searched
MAX_QUERY_CHARS = 500
#: most words, phrases, prefixes and codes in one query
MAX_TERMS = 32
#: brackets nested deeper than this are ignored
MAX_DEPTH = 8
#: shortest prefix before ``*``; shorter ones are searched as words
MIN_PREFIX_CHARS = 2

OPERATORS = {"AND": "and", "Y": "and", "OR": "or", "O": "or", "NOT": "not", "NO": "not"}
CODE = re.compile(r"EC[0-9]{4}(?:\.[0-9]{2})?", re.IGNORECASE)
_QUOTES = '"“”„«»'


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    #: folded (lower case, no accents) start of a word
    text: str


@dataclass(frozen=True)
class Code:
    #: upper case, e.g. ``EC0217`` or ``EC0217.01``
    code: str


@dataclass(frozen=True)
class All:
    children: tuple


@dataclass(frozen=True)
class Any:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


Node = Word | Phrase | Prefix | Code | All | Any | Not
LEAVES = (Word, Phrase, Prefix, Code)


@dataclass(frozen=True)
class ParsedQuery:
    """The cleaned text, its tree (None when there is nothing to search) and any problem."""

    text: str
    node: Node | None = None
    problem: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.node is None and self.problem is None


def clean(text: str) -> str:
    """Control and formatting characters become spaces; runs of spaces become one."""
    chars = (
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text
    )
    return " ".join("".join(chars).split())


def parse(text: str | None) -> ParsedQuery:
    """Parse the search box; never raises."""
    if not text:
        return ParsedQuery("")
    if len(text) > 4 * MAX_QUERY_CHARS:
        return ParsedQuery("", problem=TOO_LONG)
    cleaned = clean(text)
    if len(cleaned) > MAX_QUERY_CHARS:
        return ParsedQuery(cleaned[:MAX_QUERY_CHARS], problem=TOO_LONG)
    if not cleaned:
        return ParsedQuery("")
    node = _Parser(_tokens(cleaned)).parse()
    if node is None:
        return ParsedQuery(cleaned, problem=NOTHING_TO_FIND)
    if count_terms(node) > MAX_TERMS:
        return ParsedQuery(cleaned, problem=TOO_MANY_TERMS)
    if not _is_positive(node):
        return ParsedQuery(cleaned, problem=ONLY_EXCLUSIONS)
    return ParsedQuery(cleaned, node)


TOO_LONG = N_("Your search is too long. Use %(limit)d characters or fewer.")
TOO_MANY_TERMS = N_("Your search has too many words. Use %(limit)d or fewer.")
NOTHING_TO_FIND = N_("Type a word or a standard code, for example EC0217, to search for.")
ONLY_EXCLUSIONS = N_("Add a word to look for. A search cannot only leave words out.")
#: values for the placeholders of each problem
PROBLEM_DETAILS = {TOO_LONG: {"limit": MAX_QUERY_CHARS}, TOO_MANY_TERMS: {"limit": MAX_TERMS}}


def _tokens(text: str) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    i, length = 0, len(text)
    while i < length:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in _QUOTES:
            end = i + 1
            while end < length and text[end] not in _QUOTES:
                end += 1
            _add_phrase(tokens, text[i + 1 : end])
            i = end + 1
        elif char in "()":
            tokens.append(("(" if char == "(" else ")", None))
            i += 1
        else:
            end = i
            while end < length and not text[end].isspace() and text[end] not in "()" + _QUOTES:
                end += 1
            _add_chunk(tokens, text[i:end])
            i = end
    return tokens


def _add_phrase(tokens: list, text: str) -> None:
    found = tuple(w[:MAX_WORD_CHARS] for w in WORD.findall(text))
    if len(found) == 1:
        tokens.append(("leaf", Word(found[0])))
    elif found:
        tokens.append(("leaf", Phrase(found)))


def _add_chunk(tokens: list, chunk: str) -> None:
    if chunk in OPERATORS:
        tokens.append((OPERATORS[chunk], None))
        return
    if chunk[0] == "-" and len(chunk) > 1:
        tokens.append(("not", None))
        chunk = chunk[1:]
    chunk = chunk.lstrip("+")
    bare = chunk.rstrip(".,;:!?¡¿")
    if CODE.fullmatch(bare):
        tokens.append(("leaf", Code(bare.upper())))
        return
    found = [w[:MAX_WORD_CHARS] for w in WORD.findall(chunk)]
    if not found:
        return
    if len(found) > 1:
        tokens.append(("leaf", Phrase(tuple(found))))
    elif chunk.rstrip(".,;:!?").endswith("*") and len(found[0]) >= MIN_PREFIX_CHARS:
        tokens.append(("leaf", Prefix(fold(found[0]))))
    else:
        tokens.append(("leaf", Word(found[0])))


class _Parser:
    """Recursive descent over the tokens; every malformed part is skipped, never an error."""

    def __init__(self, tokens: list[tuple[str, object]]):
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.position][0] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, object]:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Node | None:
        node = None
        while self.peek() is not None:
            node = _combine(All, node, self.any_of())
            if self.peek() == ")":
                self.take()
        return node

    def any_of(self) -> Node | None:
        node = self.all_of()
        while self.peek() == "or":
            self.take()
            node = _combine(Any, node, self.all_of())
        return node

    def all_of(self) -> Node | None:
        node = None
        while self.peek() not in (None, ")", "or"):
            if self.peek() == "and":
                self.take()
                continue
            node = _combine(All, node, self.unary())
        return node

    def unary(self) -> Node | None:
        if self.peek() == "not":
            self.take()
            inner = self.unary()
            return Not(inner) if inner is not None else None
        return self.primary()

    def primary(self) -> Node | None:
        if self.peek() in (None, ")", "or"):
            return None
        kind, value = self.take()
        if kind == "leaf":
            return value
        if kind == "(":
            if self.depth >= MAX_DEPTH:
                return None
            self.depth += 1
            inner = self.any_of()
            self.depth -= 1
            if self.peek() == ")":
                self.take()
            return inner
        return None  # an operator where a word belongs


def _combine(cls, left: Node | None, right: Node | None) -> Node | None:
    """``left`` and ``right`` joined by ``cls``, or whichever of them exists."""
    if left is None or right is None:
        return left if right is None else right
    return _join(cls, left, right)


def _join(cls, left: Node, right: Node) -> Node:
    children = []
    for node in (left, right):
        children.extend(node.children if isinstance(node, cls) else (node,))
    return cls(tuple(children))


def leaves(node: Node | None, *, positive_only: bool = False):
    """Every word, phrase, prefix and code in the tree (outside NOT, if ``positive_only``)."""
    if node is None:
        return
    if isinstance(node, LEAVES):
        yield node
    elif isinstance(node, Not):
        if not positive_only:
            yield from leaves(node.child)
    else:
        for child in node.children:
            yield from leaves(child, positive_only=positive_only)


def count_terms(node: Node) -> int:
    return sum(1 for _ in leaves(node))


def _is_positive(node: Node) -> bool:
    """Whether the tree asks for something, rather than only ruling things out."""
    if isinstance(node, LEAVES):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, All):
        return any(_is_positive(child) for child in node.children)
    return all(_is_positive(child) for child in node.children)


def replace_word(text: str, old: str, new: str) -> str:
    """``text`` with the whole word ``old`` replaced by ``new`` (for "did you mean")."""
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new.replace("\\", r"\\"), text)
