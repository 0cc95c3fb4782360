"""Sub-criteria nest alike in the structure parser and the rendered page.

The property: each item the parser reads as a sub-criterion renders as a list item nested in
its criterion's list item, carrying its own id, and no criterion renders inside another.
"""

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wiki.demo.content import STANDARDS
from wiki.demo.content.standards import revision_texts
from wiki.standards.rendering import render_markdown
from wiki.standards.structure import Structure, parse_structure

TEMPLATES = sorted((Path(__file__).parents[2] / "wiki" / "standards" / "templates").glob("*.md"))


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.text: list[str] = []

    def own_text(self) -> str:
        """Text of this node outside nested lists."""
        parts = list(self.text)
        for child in self.children:
            if child.tag not in ("ul", "ol"):
                parts.append(child.own_text())
        return " ".join(" ".join(parts).split())

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    VOID = {"br", "hr", "img"}

    def __init__(self):
        super().__init__()
        self.root = self.current = Node("root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text.append(data)


def tree(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def check_nesting(markdown: str, *, compare_text: bool) -> Structure:
    structure = parse_structure(markdown)
    root = tree(render_markdown(markdown, structure).html)
    by_id = {node.attrs["id"]: node for node in root.descendants() if "id" in node.attrs}
    for item in structure.iter_items():
        node = by_id.get(item.id)
        if node is None or node.tag != "li":
            continue  # glossary entries of a section may be prose; criteria are checked below
        assert not any(a.tag == "li" for a in node.ancestors()), f"{item.id} nests in an item"
        nested = [d for d in node.descendants() if d.tag == "li"]
        assert [d.attrs.get("id") for d in nested] == list(item.sub_ids), item.id
        if compare_text:
            assert [d.own_text() for d in nested] == list(item.sub_items), item.id
    for element in structure.elements:
        for item in element.items:
            assert item.id in by_id, f"criterion {item.id} has no list item"
    return structure


WORDS = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóú", min_size=1, max_size=8)
PHRASE = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
MARKERS = st.sampled_from(["1.", "2.", "-", "*", "+"])


@st.composite
def criteria_lists(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        top = draw(st.integers(0, 1))
        lines.append(" " * top + f"{draw(MARKERS)} {draw(PHRASE)}")
        if draw(st.booleans()):
            lines.append(" " * draw(st.integers(0, 4)) + draw(PHRASE))  # continuation
        for _ in range(draw(st.integers(0, 3))):
            indent = top + draw(st.integers(2, 6))
            lines.append(" " * indent + f"{draw(MARKERS)} {draw(PHRASE)}")
            if draw(st.booleans()):
                lines.append(" " * (indent + 2) + draw(PHRASE))
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines)


@st.composite
def standards(draw) -> str:
    parts = ["# Norma", "", "## Propósito", "", draw(PHRASE), ""]
    for number in range(1, draw(st.integers(1, 3)) + 1):
        parts += [f"## Elemento {number}: E{number:04d} {draw(PHRASE)}", "", "### Desempeños", ""]
        parts += [draw(criteria_lists()), "", "### Productos", "", draw(criteria_lists()), ""]
    return "\n".join(parts)


@settings(max_examples=200, deadline=None)
@given(standards())
def test_every_sub_criterion_renders_nested_in_its_criterion(markdown):
    structure = check_nesting(markdown, compare_text=True)
    assert structure.elements


def test_sub_criteria_nest_in_every_template_and_demo_revision():
    texts = [path.read_text(encoding="utf-8") for path in TEMPLATES]
    texts += [text for demo in STANDARDS for text in revision_texts(demo)]
    nested = 0
    for text in texts:
        structure = check_nesting(text, compare_text=False)
        nested += sum(len(item.sub_ids) for item in structure.iter_items())
    assert nested > 300  # the demo alone indents hundreds of sub-criteria by three spaces


def test_three_space_sub_criteria_are_a_nested_list_not_one_paragraph():
    markdown = (
        "## Elemento 1 de 1: E0001 Atender\n\n### Desempeños\n\n"
        "1. Saluda al huésped:\n   - lo saluda en un plazo de un minuto;\n   - se presenta.\n"
    )
    html = render_markdown(markdown, parse_structure(markdown)).html
    assert '<li id="E0001-d1">Saluda al huésped:<ul>' in html
    assert '<li id="E0001-d1-c1">lo saluda en un plazo de un minuto;</li>' in html
    assert "Saluda al huésped: - lo saluda" not in html


def test_sub_criteria_keep_their_ids_when_a_sibling_is_inserted_before_them():
    before = (
        "## Elemento 1: E0001 A\n\n### Desempeños\n\n1. Hace algo:\n   - primero;\n   - segundo.\n"
    )
    after = before.replace("   - primero;", "   - nuevo criterio;\n   - primero;")
    first = parse_structure(before)
    second = parse_structure(after, first)
    old = {sub.text: sub.id for sub in first.iter_sub_items()}
    new = {sub.text: sub.id for sub in second.iter_sub_items()}
    assert new["primero;"] == old["primero;"] == "E0001-d1-c1"
    assert new["segundo."] == old["segundo."]
    assert new["nuevo criterio;"] == "E0001-d1-c3"
    assert second.part_text("E0001-d1-c1") == "primero;"


def test_fenced_code_inside_a_standard_is_not_reindented():
    markdown = "## Propósito\n\n```\n1. code\n   - still code\n```\n"
    html = render_markdown(markdown).html
    assert "1. code\n   - still code" in html
