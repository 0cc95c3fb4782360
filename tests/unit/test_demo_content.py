"""The demo content is consistent (people, seats, authors, edits, the standard template) and its
Markdown files parse, or fail with the file and line."""

import re
from collections import Counter

import pytest

from wiki.demo.content import (
    COMMITTEES,
    PEOPLE,
    STANDARDS,
    DemoStandard,
    revision_texts,
)
from wiki.demo.content.standards import (
    CONTENT,
    KEYS,
    DemoContentError,
    DemoEdit,
    parse_front_matter,
    read_standard,
)
from wiki.standards.structure import parse_structure

GROUPS = {"industry", "union", "education", "government"}
ALL_GROUPS = GROUPS | {"agency"}
ROLES = {"chair", "member", "observer"}
OUTCOMES = {"draft", "ballot", "published", "published_then_redraft"}
ELEMENT_HEADING = re.compile(
    r"^## (?:Elemento|Element) (\d+) (?:de|of) (\d+): (E[0-9]{4}) \S", re.MULTILINE
)

COMMITTEE_KEYS = {c.key for c in COMMITTEES}
PEOPLE_BY_KEY = {p.key: p for p in PEOPLE}


def _seats(committee: str):
    return [(p, s) for p in PEOPLE for s in p.seats if s.committee == committee]


def _editors(committee: str) -> set[str]:
    return {p.key for p, s in _seats(committee) if s.role != "observer"}


def _ids(standards: tuple[DemoStandard, ...]) -> list[str]:
    return [s.key for s in standards]


def test_keys_are_unique():
    assert len(COMMITTEE_KEYS) == len(COMMITTEES) >= 3
    assert len(PEOPLE_BY_KEY) == len(PEOPLE)
    assert len({s.key for s in STANDARDS}) == len(STANDARDS)
    for committee in COMMITTEES:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", committee.key)
        assert committee.name and committee.sector and committee.description


def test_emails_are_reserved_and_unique():
    emails = [p.email for p in PEOPLE]
    assert all(e.endswith("@demo.example.org") for e in emails)
    assert len({e.lower() for e in emails}) == len(emails)


def test_people_are_well_formed():
    assert 16 <= len(PEOPLE) <= 20
    admins = [p for p in PEOPLE if p.is_admin]
    assert 1 <= len(admins) <= 2
    assert all(p.group == "agency" for p in admins)
    assert {p.locale for p in PEOPLE} == {"es", "en"}
    for person in PEOPLE:
        assert person.group in ALL_GROUPS
        assert person.locale in {"es", "en"}
        committees = [s.committee for s in person.seats]
        assert len(committees) == len(set(committees)), (
            f"{person.key} has two seats on one committee"
        )
        for seat in person.seats:
            assert seat.committee in COMMITTEE_KEYS
            assert seat.role in ROLES
            assert seat.group in ALL_GROUPS
            if seat.role == "observer":
                assert not seat.can_vote
            if seat.role == "chair":
                assert seat.can_vote
    assert any(len(p.seats) >= 2 for p in PEOPLE if not p.is_admin)


@pytest.mark.parametrize("committee", sorted(COMMITTEE_KEYS))
def test_every_committee_is_fully_staffed(committee):
    seats = _seats(committee)
    chairs = [p for p, s in seats if s.role == "chair"]
    assert len(chairs) == 1
    voting_groups = {s.group for _, s in seats if s.can_vote}
    assert voting_groups >= GROUPS
    assert any(s.role != "observer" and not s.can_vote for _, s in seats), "no non-voting member"
    assert any(s.role == "observer" for _, s in seats), "no observer"


def test_standards_mix():
    assert len(STANDARDS) >= 12
    languages = Counter(s.language for s in STANDARDS)
    assert languages["es"] >= 8 and languages["en"] >= 3
    assert set(languages) == {"es", "en"}
    outcomes = Counter(s.outcome for s in STANDARDS)
    assert set(outcomes) <= OUTCOMES
    assert outcomes["published"] >= 3
    assert outcomes["published_then_redraft"] >= 1
    assert outcomes["ballot"] >= 2
    assert {s.level for s in STANDARDS} == {1, 2, 3, 4, 5}
    assert {s.committee for s in STANDARDS} == COMMITTEE_KEYS


@pytest.mark.parametrize("standard", STANDARDS, ids=_ids(STANDARDS))
def test_standard_metadata(standard):
    assert standard.committee in COMMITTEE_KEYS
    assert standard.language in {"es", "en"}
    assert 1 <= standard.level <= 5
    assert 1 <= standard.review_period_years <= 10
    assert 1 <= standard.certificate_validity_years <= 10
    assert standard.occupations and all(standard.occupations)
    assert re.fullmatch(r"[0-9]{6}", standard.industry_code)
    assert standard.organisations and all(standard.organisations)
    assert standard.title and standard.first_summary
    assert 1 <= len(standard.edits) <= 4
    assert all(edit.summary and edit.replacements for edit in standard.edits)
    if standard.outcome == "published_then_redraft":
        assert len(standard.edits) >= 1


@pytest.mark.parametrize("standard", STANDARDS, ids=_ids(STANDARDS))
def test_authors_are_editing_members_of_the_committee(standard):
    editors = _editors(standard.committee)
    assert standard.author in PEOPLE_BY_KEY
    assert standard.author in editors
    for edit in standard.edits:
        assert edit.author in PEOPLE_BY_KEY
        assert edit.author in editors


@pytest.mark.parametrize("standard", STANDARDS, ids=_ids(STANDARDS))
def test_every_edit_replaces_a_unique_substring(standard):
    text = standard.body
    for number, edit in enumerate(standard.edits, start=2):
        before = text
        for old, new in edit.replacements:
            assert old, f"revision {number}: empty old"
            assert text.count(old) == 1, (
                f"revision {number}: {old!r} occurs {text.count(old)} times"
            )
            assert old != new
            text = text.replace(old, new, 1)
        assert text != before
    assert revision_texts(standard)[-1] == text


@pytest.mark.parametrize("standard", STANDARDS, ids=_ids(STANDARDS))
def test_body_length_and_elements(standard):
    words = len(standard.body.split())
    assert 600 <= words <= 1500, f"{words} words"
    for text in revision_texts(standard):
        headings = ELEMENT_HEADING.findall(text)
        assert 2 <= len(headings) <= 3
        total = len(headings)
        assert [(int(n), int(of)) for n, of, _ in headings] == [
            (i, total) for i in range(1, total + 1)
        ]


def test_element_codes_are_unique_across_the_demo():
    codes = [code for s in STANDARDS for _, _, code in ELEMENT_HEADING.findall(s.body)]
    assert len(codes) == len(set(codes))
    # an edit never changes the element codes
    for standard in STANDARDS:
        first = ELEMENT_HEADING.findall(standard.body)
        for text in revision_texts(standard)[1:]:
            assert ELEMENT_HEADING.findall(text) == first


def test_spanish_text_exercises_accents_and_stems():
    spanish = " ".join(t for s in STANDARDS if s.language == "es" for t in revision_texts(s))
    for word in (
        "evaluación",
        "gestión",
        "capacitación",
        "año",
        "diseño",
        "evaluaciones",
        "capacitaciones",
    ):
        assert re.search(rf"\b{word}\b", spanish), word
    assert "ñ" in spanish


KNOWLEDGE_LEVELS = {
    "es": {"Conocimiento", "Comprensión", "Aplicación"},
    "en": {"Knowledge", "Comprehension", "Application"},
}


@pytest.mark.parametrize("standard", STANDARDS, ids=_ids(STANDARDS))
def test_every_revision_parses_without_warnings(standard):
    previous = None
    for number, text in enumerate(revision_texts(standard), start=1):
        structure = parse_structure(text, previous)
        assert list(structure.warnings) == [], f"revision {number}: {structure.warnings}"
        codes = [code for _, _, code in ELEMENT_HEADING.findall(text)]
        assert [element.code for element in structure.elements] == codes
        keys = {section.key for section in structure.sections}
        assert {"purpose", "description", "level", "references"} <= keys
        for element in structure.elements:
            kinds = {item.kind.value for item in element.items}
            assert kinds == {"performance", "product", "knowledge", "attitude", "glossary"}
            for item in element.items:
                if item.kind.value == "performance":
                    assert item.sub_items, f"{item.id} has no sub-criteria"
                if item.kind.value == "knowledge":
                    assert item.level in KNOWLEDGE_LEVELS[standard.language], item.id
                if item.kind.value in ("attitude", "glossary"):
                    assert item.term, item.id
        if previous is not None:
            # an edit rewords or adds criteria; every earlier criterion keeps its id (a
            # sub-criterion rewritten beyond recognition is a new one)
            subs = {sub.id for sub in previous.iter_sub_items()}
            assert previous.part_ids() - subs <= structure.part_ids()
        previous = structure


def test_every_content_file_belongs_to_a_listed_standard():
    names = {path.name for path in CONTENT.iterdir() if path.name.endswith(".md")}
    listed = {f"{key}.md" for key in KEYS} | {f"{s.key}.edits.md" for s in STANDARDS if s.edits}
    assert names == listed
    assert [s.key for s in STANDARDS] == list(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_every_file_parses_to_its_standard(key):
    source = (CONTENT / f"{key}.md").read_text("utf-8")
    _, body = parse_front_matter(source, f"{key}.md")
    assert source.endswith(body) and body.startswith("## ")
    assert read_standard(CONTENT, key) == STANDARDS[KEYS.index(key)]


FRONT_MATTER = """\
---
title: Atención a comensales
committee: turismo-hospitalidad
language: es
level: 2
review_period_years: 3
certificate_validity_years: 3
occupations:
  - Mesero
industry_code: 722511
organisations:
  - Sindicato Nacional de Trabajadores Gastronómicos
author: jorge.munoz
first_summary: Primer borrador
outcome: draft
---
## Propósito

   - tres espacios
"""


def test_the_body_is_the_text_after_the_front_matter_unchanged(tmp_path):
    (tmp_path / "ejemplo.md").write_text(FRONT_MATTER, "utf-8")
    standard = read_standard(tmp_path, "ejemplo")
    assert standard.body == "## Propósito\n\n   - tres espacios\n"
    assert (standard.level, standard.industry_code) == (2, "722511")
    assert standard.occupations == ("Mesero",)
    assert standard.edits == ()


EDITS = """\
## Corrige la sangría

author: jorge.munoz

Replace:
```
   - tres espacios
```
With:
```
   - tres espacios;
   - y otro subcriterio.
```
"""


def test_edits_are_read_in_order_with_their_text_unchanged(tmp_path):
    (tmp_path / "ejemplo.md").write_text(FRONT_MATTER, "utf-8")
    two_edits = EDITS + "\n" + EDITS.replace("Corrige", "Otra")
    (tmp_path / "ejemplo.edits.md").write_text(two_edits, "utf-8")
    edits = read_standard(tmp_path, "ejemplo").edits
    assert [edit.summary for edit in edits] == ["Corrige la sangría", "Otra la sangría"]
    assert edits[0] == DemoEdit(
        author="jorge.munoz",
        summary="Corrige la sangría",
        replacements=(("   - tres espacios", "   - tres espacios;\n   - y otro subcriterio."),),
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "message"),
    [
        ("roto.md", "---\ntitle", "title", 1, "must start with a '---' line"),
        ("roto.md", "level: 2", "level: dos", 5, "'level' must be a whole number"),
        ("roto.md", "language: es", "lenguaje: es", 4, "unknown field 'lenguaje'"),
        ("roto.md", "outcome: draft\n", "", 15, "missing field(s): outcome"),
        ("roto.md", "outcome: draft", "outcome: draft\ntitle: Otra", 16, "'title' is given twice"),
        ("roto.md", "occupations:", "occupations: Mesero", 8, "is a list"),
        ("roto.md", "  - Mesero\n", "", 15, "no items in: occupations"),
        ("roto.md", "language: es", "language: es\n  - en", 5, "needs text and a list field"),
        ("roto.md", "---\n## Propósito", "## Propósito", 16, "expected 'name: value' or '---'"),
        ("roto.md", "---\n## Propósito\n\n   - tres espacios\n", "", 1, "not closed by a '---'"),
        ("roto.edits.md", "## Corrige la sangría\n", "", 2, "expected '## <summary>'"),
        ("roto.edits.md", "author: jorge.munoz\n", "", 1, "the edit needs an 'author:' line"),
        ("roto.edits.md", "Replace:", "Reemplaza:", 5, "expected 'author:' or 'Replace:'"),
        ("roto.edits.md", "subcriterio.\n```\n", "subcriterio.\n", 10, "not closed by a ```"),
        ("roto.edits.md", "With:", "Con:", 9, "expected 'With:' after a Replace block"),
        ("roto.edits.md", "With:\n```", "With:\n   - sin bloque", 10, "expected a ``` line"),
        ("roto.edits.md", "```\n   - tres espacios\n```", "```\n```", 5, "Replace block is empty"),
    ],
)
def test_malformed_content_names_the_file_and_line(tmp_path, file, old, new, line, message):
    texts = {"roto.md": FRONT_MATTER, "roto.edits.md": EDITS}
    assert old in texts[file]
    texts[file] = texts[file].replace(old, new, 1)
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
    with pytest.raises(DemoContentError) as error:
        read_standard(tmp_path, "roto")
    assert str(error.value).startswith(f"{tmp_path / file}:{line}: ")
    assert message in str(error.value)
