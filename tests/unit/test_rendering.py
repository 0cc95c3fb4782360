import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wiki.errors import InvalidInput
from wiki.standards.rendering import (
    MarkdownRefused,
    Rendered,
    TocEntry,
    render_comment,
    render_markdown,
    sanitize_html,
)

GOLDEN = json.loads(
    (Path(__file__).parent / "golden" / "sanitize.json").read_text(encoding="utf-8")
)
ALLOWED_SCHEMES = ("http:", "https:", "mailto:")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def render(case: dict) -> str:
    if case["mode"] == "comment":
        return render_comment(case["markdown"])
    return render_markdown(case["markdown"]).html


def test_golden_file_is_large_enough_and_names_are_unique():
    names = [case["name"] for case in GOLDEN]
    assert len(names) >= 60
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", GOLDEN, ids=[case["name"] for case in GOLDEN])
def test_golden_sanitized_output(case):
    assert render(case) == case["html"]


@pytest.mark.parametrize("case", GOLDEN, ids=[case["name"] for case in GOLDEN])
def test_golden_output_has_no_active_content(case):
    collector = TagCollector()
    collector.feed(case["html"])
    for tag, attrs in collector.tags:
        assert tag not in {
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "form",
            "input",
            "svg",
            "math",
        }
        for name, value in attrs:
            assert not name.startswith("on")
            assert name not in {"style", "srcdoc", "formaction"}
            if name in {"href", "src"}:
                # Either an allowed scheme, or none at all (a relative URL or fragment), read as a
                # browser does after dropping tabs and newlines.
                scheme = SCHEME.match(re.sub(r"[\t\n\r]", "", value).strip())
                assert scheme is None or scheme.group(0).lower() in ALLOWED_SCHEMES


def test_toc_lists_headings_with_unicode_anchors():
    rendered = render_markdown(
        "# Estándar\n\n## Propósito\n\n### Diseño del año & más\n\n## Propósito"
    )
    assert rendered.toc == (
        TocEntry(1, "estándar", "Estándar"),
        TocEntry(2, "propósito", "Propósito"),
        TocEntry(3, "diseño-del-año-más", "Diseño del año & más"),
        TocEntry(2, "propósito_1", "Propósito"),
    )
    for entry in rendered.toc:
        assert f'id="{entry.anchor}"' in rendered.html


def test_rendered_is_frozen():
    rendered = render_markdown("texto")
    assert isinstance(rendered, Rendered)
    with pytest.raises(AttributeError):
        rendered.html = "x"


def test_comment_has_no_heading_ids_or_footnote_ids():
    html = render_comment("## Propósito\n\nnota[^1]\n\n[^1]: texto")
    assert "id=" not in html


def test_sanitize_html_keeps_heading_ids_and_drops_handlers():
    html = sanitize_html('<h2 id="propósito" onclick="x()">P</h2><a href="javascript:x()">a</a>')
    assert html == '<h2 id="propósito">P</h2><a rel="noopener noreferrer nofollow">a</a>'


def test_code_keeps_only_one_language_class():
    assert (
        sanitize_html('<code class="language-py language-js x">a</code>')
        == '<code class="language-py">a</code>'
    )


def test_refusal_is_invalid_input_with_message():
    with pytest.raises(InvalidInput) as info:
        render_markdown("[" * 20_000)
    assert isinstance(info.value, MarkdownRefused)
    assert "bracket" in info.value.message.lower()


def nested_list(depth: int) -> str:
    return "\n".join("    " * i + "- x" for i in range(depth))


PATHOLOGICAL = {
    "open_brackets": "[" * 20_000,
    "empty_links_unclosed": "[](" * 6_667,
    "image_brackets": "![" * 10_000,
    "footnote_brackets": "[^" * 10_000,
    "nested_matched_brackets": "[" * 5_000 + "]" * 5_000,
    "unclosed_tags": "<a " * 7_000,
    "unclosed_tags_in_blocks": "<a \n\n" * 4_000,
    "unclosed_autolinks": "<http://" * 3_000,
    "nested_list_indented": nested_list(1_000),
    "nested_list_one_line": "- " * 1_000 + "x",
    "nested_ordered_one_line": "1. " * 1_000 + "x",
    "nested_blockquote": ">" * 1_000 + " x",
    "nested_blockquote_spaced": "> " * 1_000 + "x",
    "nested_blockquote_lines": "\n".join(">" * i + " x" for i in range(1, 300)),
    "too_long": "palabra " * 100_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_is_refused_quickly(text):
    started = time.perf_counter()
    with pytest.raises(MarkdownRefused):
        render_markdown(text)
    with pytest.raises(MarkdownRefused):
        render_comment(text)
    # A generous bound: the checks themselves take milliseconds.
    assert time.perf_counter() - started < 5


HARMLESS_REPETITION = {
    "matched_links": "[x](y) " * 1_000,
    "matched_brackets": "[x]" * 1_000,
    "empty_pairs": "[]" * 1_000,
    "closed_tags": "<a>" * 1_000,
    "emphasis": "*" * 20_000,
    "backticks": "`" * 20_000,
    "moderate_nesting": "\n".join("    " * i + "- x" for i in range(8)),
}


@pytest.mark.parametrize("text", HARMLESS_REPETITION.values(), ids=HARMLESS_REPETITION.keys())
def test_repetitive_but_cheap_input_is_rendered(text):
    assert isinstance(render_markdown(text).html, str)


def test_recursion_error_becomes_refusal(monkeypatch):
    import markdown

    def explode(self, source):
        raise RecursionError

    monkeypatch.setattr(markdown.Markdown, "convert", explode)
    with pytest.raises(MarkdownRefused):
        render_markdown("texto")


def test_realistic_standard_renders_with_toc():
    template = Path("wiki/standards/templates/standard_es.md").read_text(encoding="utf-8")
    rendered = render_markdown(template)
    assert [entry.title for entry in rendered.toc if entry.level == 2][:3] == [
        "Propósito",
        "Descripción",
        "Nivel de competencia",
    ]
    assert "<ol>" in rendered.html
