"""The template check: template lines left in a standard, and required parts missing."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.standard_factories import SPANISH_BODY
from wiki.demo.content import STANDARDS, apply_edit
from wiki.standards.placeholders import (
    MISSING_PERFORMANCE,
    REQUIRED_SECTIONS,
    Placeholder,
    check_template_text,
    is_placeholder,
    line_content,
    template_contents,
)
from wiki.standards.starter import template_for

STRUCTURE_HEADING = re.compile(
    r"#{2,3} (Propósito|Descripción|Nivel de competencia|Desempeños|Productos|Conocimientos|"
    r"Actitudes, hábitos y valores|Glosario|Referencias|Purpose|Description|Competency level|"
    r"Performance criteria|Products|Knowledge|Attitudes, habits and values|Glossary|References)"
)


def _template_lines(language: str) -> list[tuple[int, str]]:
    """The template's lines that are neither blank nor a section or subsection heading."""
    return [
        (number, line)
        for number, line in enumerate(template_for(language).splitlines(), start=1)
        if line.strip() and not STRUCTURE_HEADING.fullmatch(line)
    ]


ALL_TEMPLATE_LINES = [line for language in ("es", "en") for _, line in _template_lines(language)]


def _demo_texts():
    for demo in STANDARDS:
        text = demo.body
        yield demo.title, text
        for edit in demo.edits:
            text = apply_edit(text, edit)
            yield demo.title, text


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_template_line_but_its_headings_is_a_placeholder(language):
    check = check_template_text(template_for(language))
    expected = [Placeholder(number, line.strip()) for number, line in _template_lines(language)]
    assert list(check.placeholders) == expected
    assert len(expected) == 31
    assert check.missing == ()  # the template has every required part, only not written
    assert not check.passed


def test_the_instructions_of_the_reported_standard_are_placeholders():
    assert is_placeholder("Describa en uno o dos párrafos para qué sirve este Estándar de "
                          "Competencia: servir como referente")
    assert is_placeholder("## Elemento 2 de 2: E0002 Título del segundo elemento")
    # Another number, code and case: still the template's title.
    assert is_placeholder("## ELEMENTO 3 de 4: E0875   título del segundo ELEMENTO")


@pytest.mark.parametrize(
    "line",
    ["## Propósito", "## PROPÓSITO", "### Desempeños", "## Competency level", "### glossary", ""],
)
def test_section_headings_and_blank_lines_are_never_placeholders(line):
    assert not is_placeholder(line)


def test_a_written_standard_passes():
    assert check_template_text(SPANISH_BODY).passed


def test_every_demo_text_passes():
    failing = [title for title, text in _demo_texts() if not check_template_text(text).passed]
    assert failing == []


@settings(max_examples=200, deadline=None)
@given(
    line=st.sampled_from(ALL_TEMPLATE_LINES),
    where=st.integers(min_value=0),
    upper=st.booleans(),
    indent=st.sampled_from(["", " ", "   ", "\t"]),
    trailing=st.sampled_from(["", " ", "  "]),
    marker=st.sampled_from([None, "7. ", "- ", "* ", "12) "]),
)
def test_a_template_line_anywhere_in_a_standard_is_found_on_its_line(
    line, where, upper, indent, trailing, marker
):
    text = line.strip()
    if marker is not None and not text.startswith("#"):
        text = marker + re.sub(r"^(\d+[.)]|[-*+]) ", "", text)
    if upper:
        text = text.upper()
    lines = SPANISH_BODY.split("\n")
    at = where % (len(lines) + 1)
    lines.insert(at, indent + text + trailing)
    found = check_template_text("\n".join(lines)).placeholders
    assert [p.line for p in found] == [at + 1]


@settings(max_examples=200, deadline=None)
@given(
    line=st.sampled_from(ALL_TEMPLATE_LINES),
    words=st.text(
        alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=12
    ),
)
def test_a_template_line_with_words_of_the_committee_added_is_not_a_placeholder(line, words):
    written = f"{line.rstrip()} {words}"
    assert is_placeholder(line)
    assert not is_placeholder(written)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_only_lines_saying_what_the_template_says_are_placeholders(line):
    if "\n" in line or "\r" in line:
        return
    if is_placeholder(line):
        assert line_content(line) in template_contents()
    elif line_content(line) in template_contents():
        assert line.lstrip().startswith("#")  # only a section heading is let through


def _without_section(body: str, heading: str) -> str:
    """``body`` without the ``## heading`` section (up to the next ``##``)."""
    return re.sub(rf"## {heading}\n.*?(?=^## )", "", body, flags=re.S | re.M)


SPANISH_HEADINGS = {
    "purpose": "Propósito",
    "description": "Descripción",
    "level": "Nivel de competencia",
}


@settings(max_examples=50, deadline=None)
@given(st.sets(st.sampled_from(REQUIRED_SECTIONS)))
def test_each_required_section_left_out_is_reported(removed):
    body = SPANISH_BODY
    for key in removed:
        body = _without_section(body, SPANISH_HEADINGS[key])
    check = check_template_text(body)
    assert check.missing == tuple(key for key in REQUIRED_SECTIONS if key in removed)
    assert check.placeholders == ()


def test_a_section_heading_with_nothing_under_it_is_missing():
    body = SPANISH_BODY.replace(
        "Describe la recepción, la toma de la orden y el servicio de alimentos y bebidas.\n", ""
    )
    assert check_template_text(body).missing == ("description",)


def test_a_standard_without_performance_criteria_is_reported():
    without = re.sub(r"### Desempeños\n.*?(?=^### )", "", SPANISH_BODY, flags=re.S | re.M)
    assert check_template_text(without).missing == (MISSING_PERFORMANCE,)
    no_elements = SPANISH_BODY.split("## Elemento")[0]
    assert check_template_text(no_elements).missing == (MISSING_PERFORMANCE,)
