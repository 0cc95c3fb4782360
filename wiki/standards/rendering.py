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

from wiki.i18n import N_
from wiki.standards.anchors import PRIORITY, PartAnchors
from wiki.standards.lists import reindent_lists
from wiki.standards.markdown_limits import MarkdownRefused, check_renderable

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


def render_markdown(text: str, structure=None, *, new_text: bool = True) -> Rendered:
    """Render a standard's Markdown to sanitized HTML with heading ids and a table of contents.

    Given the text's parsed ``Structure``, parts get their stable ids as anchors. Raises
    ``MarkdownRefused`` past the limits of ``wiki.standards.markdown_limits``; ``new_text=False``
    leaves out the ones a text stored before them need not meet.
    """
    md = _convert_checked(text, EXTENSIONS, structure, new_text=new_text)
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


def _convert_checked(
    text: str, extensions: tuple[str, ...], structure=None, *, new_text: bool = True
) -> _Converted:
    check_renderable(text, new_text=new_text)
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
        raise MarkdownRefused(N_("The text is nested too deeply to display.")) from None
    return _Converted(html=html, toc_tokens=getattr(md, "toc_tokens", []))


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
