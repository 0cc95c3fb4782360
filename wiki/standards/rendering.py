"""Markdown to sanitized HTML for standards and comments.

Python-Markdown produces the HTML and nh3 cleans it against an explicit allow-list, so the
Markdown side may pass raw HTML through: whatever it emits, only the listed tags,
attributes and URL schemes reach the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markdown.preprocessors import Preprocessor

from wiki.errors import InvalidInput
from wiki.standards.anchors import PRIORITY, PartAnchors
from wiki.standards.lists import reindent_lists

#: Longest text rendered at all; longer input is refused before Python-Markdown sees it.
MAX_CHARS = 300_000
#: Deepest nesting of blockquotes and lists; Python-Markdown recurses once per level.
MAX_NESTING = 32
#: Deepest nesting of ``[`` or ``(`` inside one block.
MAX_BRACKET_DEPTH = 32
#: Budget for characters Python-Markdown may rescan: each unclosed ``[`` or ``(`` costs its
#: block's length, each tag-like ``<`` the distance to its ``>`` (quadratic cases, issue #798).
MAX_SCAN_COST = 4_000_000

EXTENSIONS = ("tables", "fenced_code", "footnotes", "toc", "sane_lists")
COMMENT_EXTENSIONS = ("tables", "fenced_code", "sane_lists")
EXTENSION_CONFIGS = {
    # ``align`` rather than ``style``: a Content-Security-Policy without 'unsafe-inline'
    # would drop style attributes, and an allowed style attribute is a larger surface.
    "tables": {"use_align_attribute": True},
    # Keep letters such as á and ñ: stripping accents turns "año" into "ano".
    "toc": {"slugify": slugify_unicode, "marker": "", "permalink": False},
    # The default backlink title is English prose; the page may be Spanish.
    "footnotes": {"BACKLINK_TITLE": "↩ %d"},
}

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TAGS = frozenset(
    {*HEADINGS, "p", "br", "hr", "blockquote", "pre", "code", "kbd", "div", "span"}
    | {"ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td"}
    | {"a", "img", "em", "strong", "del", "ins", "s", "sup", "sub", "abbr"}
)
# Tags whose content is dropped with them, not kept as text.
CLEAN_CONTENT_TAGS = frozenset({"script", "style", "template", "textarea", "title", "noscript"})
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "ol": {"start"},
    # Footnote anchors: the reference sits in a <sup>, the note in an <li>.
    "sup": {"id"},
    "li": {"id"},
    **{tag: {"id"} for tag in HEADINGS},
}
ALIGN_VALUES = {"align": {"left", "center", "right"}}
TAG_ATTRIBUTE_VALUES = {"th": ALIGN_VALUES, "td": ALIGN_VALUES}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"

# Classes Python-Markdown emits for footnotes; any other class a user typed is dropped.
FIXED_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
}
LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: tuple[TocEntry, ...]


class ListIndentPreprocessor(Preprocessor):
    """Re-indent lists by the parser's rule (``wiki.standards.lists``) so both nest alike."""

    #: after the raw-HTML and fenced-code preprocessors (20, 25): code is never re-indented
    PRIORITY = 15

    def run(self, lines: list[str]) -> list[str]:
        return reindent_lists(lines)


class MarkdownRefused(InvalidInput):
    """The text would make the renderer too slow or too deep; ``message`` says why."""


def render_markdown(text: str, structure=None) -> Rendered:
    """Render a standard's Markdown to sanitized HTML with heading ids and a table of contents.

    Given the text's parsed ``Structure``, parts get their stable ids as anchors.
    """
    md = _convert_checked(text, EXTENSIONS, structure)
    html = _clean(md.html, keep_ids=True)
    return Rendered(html=html, toc=tuple(_flatten_toc(md.toc_tokens)))


def render_comment(text: str) -> str:
    """Render a comment's Markdown to sanitized HTML, without ids that could clash with the page."""
    return _clean(_convert_checked(text, COMMENT_EXTENSIONS).html, keep_ids=False)


def sanitize_html(html: str) -> str:
    """Clean an HTML fragment against the standards allow-list (ids kept)."""
    return _clean(html, keep_ids=True)


@dataclass
class _Converted:
    html: str
    toc_tokens: list


def _convert_checked(text: str, extensions: tuple[str, ...], structure=None) -> _Converted:
    check_renderable(text)
    md = markdown.Markdown(
        extensions=list(extensions),
        extension_configs={
            name: EXTENSION_CONFIGS[name] for name in extensions if name in EXTENSION_CONFIGS
        },
        output_format="html",
    )
    md.preprocessors.register(
        ListIndentPreprocessor(md), "list_indent", ListIndentPreprocessor.PRIORITY
    )
    if structure is not None:
        md.treeprocessors.register(PartAnchors(md, structure), "part_anchors", PRIORITY)
    try:
        html = md.convert(text)
    except RecursionError:
        # The pre-checks should catch nesting first; this is the backstop.
        raise MarkdownRefused("The text is nested too deeply to display.") from None
    return _Converted(html=html, toc_tokens=getattr(md, "toc_tokens", []))


def check_renderable(text: str) -> None:
    """Raise MarkdownRefused if the text is too long, too deeply nested or too bracket-heavy."""
    if len(text) > MAX_CHARS:
        raise MarkdownRefused(
            f"The text is too long to display (more than {MAX_CHARS:,} characters)."
        )
    lines = text.expandtabs(4).split("\n")
    if _max_nesting(lines) > MAX_NESTING:
        raise MarkdownRefused(
            f"Lists or quotations are nested more than {MAX_NESTING} levels deep; "
            "please flatten them."
        )
    cost = _tag_scan_cost(text)
    for block in _blocks(lines):
        depth, unmatched = _bracket_stats(block)
        if depth > MAX_BRACKET_DEPTH:
            raise MarkdownRefused(
                f"Brackets are nested more than {MAX_BRACKET_DEPTH} levels deep; "
                "please simplify the text."
            )
        cost += unmatched * len(block)
    if cost > MAX_SCAN_COST:
        raise MarkdownRefused(
            "The text has too many unclosed brackets '[', '(' or '<'; please close or escape them."
        )


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
        if line.strip():
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


def _flatten_toc(tokens: list) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for token in tokens:
        # ``name`` is the heading's text with markup stripped but entities still escaped.
        title = unescape(token["name"])
        entries.append(TocEntry(level=token["level"], anchor=token["id"], title=title))
        entries.extend(_flatten_toc(token["children"]))
    return entries


def _keep_ids(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        return _filter_class(tag, value)
    return value


def _drop_ids(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return None
    return _keep_ids(tag, attr, value)


def _filter_class(tag: str, value: str) -> str | None:
    if tag == "code":
        kept = [name for name in value.split() if LANGUAGE_CLASS.fullmatch(name)][:1]
    else:
        allowed = FIXED_CLASSES.get(tag, set())
        kept = [name for name in value.split() if name in allowed]
    return " ".join(kept) or None


def _clean(html: str, *, keep_ids: bool) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
        attribute_filter=_keep_ids if keep_ids else _drop_ids,
        tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
