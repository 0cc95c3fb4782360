"""Demo competency standards, read from Markdown files beside this module; no Flask, no database.

``<key>.md`` holds one standard: a front matter of ``name: value`` lines (a list field is
``name:`` followed by ``  - item`` lines) between two ``---`` lines, then the first revision's
Markdown, stored exactly as written.

``<key>.edits.md``, when present, holds the later revisions in order. Each starts with
``## <summary>``, then ``author: <person key>``, then one or more ``Replace:`` / ``With:`` pairs,
each label followed by a fenced block (three backticks) whose lines are the old or the new text.

All text is original, written for the demo.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable


@dataclass(frozen=True)
class DemoEdit:
    """A later revision: ``(old, new)`` substrings applied in order to the previous text.

    Each ``old`` must occur exactly once in the text it is applied to.
    """

    author: str  # person key
    summary: str
    replacements: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DemoStandard:
    key: str
    committee: str  # DemoCommittee.key
    title: str
    language: str  # "es" | "en"
    level: int  # 1-5
    review_period_years: int
    certificate_validity_years: int
    occupations: tuple[str, ...]
    industry_code: str  # SCIAN-like, six digits
    organisations: tuple[str, ...]
    author: str  # person key: a non-observer member of the committee
    first_summary: str
    body: str  # the first revision's full Markdown
    edits: tuple[DemoEdit, ...]  # later revisions, in order
    outcome: str  # "draft" | "ballot" | "published" | "published_then_redraft"


def apply_edit(text: str, edit: DemoEdit) -> str:
    """The text after ``edit``; raises ``ValueError`` if an ``old`` does not occur exactly once."""
    for old, new in edit.replacements:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"{old!r} occurs {count} times, expected exactly once")
        text = text.replace(old, new, 1)
    return text


def revision_texts(standard: DemoStandard) -> list[str]:
    """The body of every revision of ``standard``, first to last."""
    texts = [standard.body]
    for edit in standard.edits:
        texts.append(apply_edit(texts[-1], edit))
    return texts


class DemoContentError(ValueError):
    """A demo content file is malformed; the message starts with ``file:line:``."""

    def __init__(self, name: str, line: int, message: str):
        super().__init__(f"{name}:{line}: {message}")


_LISTS = {"occupations", "organisations"}
_NUMBERS = {"level", "review_period_years", "certificate_validity_years"}
_TEXTS = {"title", "committee", "language", "industry_code", "author", "first_summary", "outcome"}
_FIELDS = _LISTS | _NUMBERS | _TEXTS
_FIELD = re.compile(r"([a-z_]+):(.*)")
_ITEM = re.compile(r"\s*- (.*)")
_FENCE = "```"


def parse_front_matter(text: str, name: str) -> tuple[dict, str]:
    """The front matter fields of ``text`` (lists as tuples) and the Markdown after it."""
    lines = text.split("\n")
    if lines[0] != "---":
        raise DemoContentError(name, 1, "the file must start with a '---' line")
    fields: dict = {}
    listing = None
    for number, line in enumerate(lines[1:], start=2):
        if line == "---":
            _check_complete(fields, name, number)
            # ``number`` counts from 1, so the body starts at index ``number``
            return fields, "\n".join(lines[number:])
        if not line.strip():
            continue
        if item := _ITEM.fullmatch(line):
            if listing is None or not item[1].strip():
                raise DemoContentError(name, number, "a '- item' needs text and a list field")
            fields[listing] += (item[1].strip(),)
            continue
        if not (field := _FIELD.fullmatch(line)):
            raise DemoContentError(name, number, f"expected 'name: value' or '---', got {line!r}")
        key, value = field[1], field[2].strip()
        if key not in _FIELDS:
            raise DemoContentError(name, number, f"unknown field {key!r}")
        if key in fields:
            raise DemoContentError(name, number, f"{key!r} is given twice")
        listing = key if key in _LISTS else None
        if key in _LISTS and value:
            raise DemoContentError(name, number, f"{key!r} is a list: one '  - item' per line")
        if key not in _LISTS and not value:
            raise DemoContentError(name, number, f"{key!r} needs a value")
        if key in _NUMBERS and not value.isdecimal():
            raise DemoContentError(name, number, f"{key!r} must be a whole number")
        fields[key] = () if key in _LISTS else int(value) if key in _NUMBERS else value
    raise DemoContentError(name, 1, "the front matter opened here is not closed by a '---' line")


def _check_complete(fields: dict, name: str, number: int) -> None:
    if missing := sorted(_FIELDS - fields.keys()):
        raise DemoContentError(name, number, f"missing field(s): {', '.join(missing)}")
    if empty := sorted(key for key in _LISTS if not fields[key]):
        raise DemoContentError(name, number, f"no items in: {', '.join(empty)}")


def parse_edits(text: str, name: str) -> tuple[DemoEdit, ...]:
    """The edits in ``text``, in order (the format is in this module's docstring)."""
    # one iterator, shared with the block readers, so a block's lines are read once
    lines = enumerate(text.split("\n"), start=1)
    edits: list[DemoEdit] = []
    start, summary, author, replacements = 0, "", "", []
    for number, line in _content(lines):
        if line.startswith("## "):
            if start:
                edits.append(_edit(name, start, summary, author, replacements))
            start, summary, author, replacements = number, line[3:].strip(), "", []
        elif not start:
            raise DemoContentError(name, number, "expected '## <summary>' to start an edit")
        elif line.startswith("author:"):
            if author:
                raise DemoContentError(name, number, "an edit has one 'author:' line")
            author = line.removeprefix("author:").strip()
        elif line == "Replace:":
            old = _fenced(lines, name, number)
            if not old:
                raise DemoContentError(name, number, "the Replace block is empty")
            number, line = next(_content(lines), (number, ""))
            if line != "With:":
                raise DemoContentError(name, number, "expected 'With:' after a Replace block")
            replacements.append((old, _fenced(lines, name, number)))
        else:
            raise DemoContentError(name, number, f"expected 'author:' or 'Replace:', got {line!r}")
    if start:
        edits.append(_edit(name, start, summary, author, replacements))
    return tuple(edits)


def _content(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    return ((number, line) for number, line in lines if line.strip())


def _fenced(lines: Iterator[tuple[int, str]], name: str, label_line: int) -> str:
    number, line = next(_content(lines), (label_line, ""))
    if line != _FENCE:
        raise DemoContentError(name, number, f"expected a {_FENCE} line to open the block")
    block = []
    for _, line in lines:
        if line == _FENCE:
            return "\n".join(block)
        block.append(line)
    raise DemoContentError(name, number, "the block opened here is not closed by a ``` line")


def _edit(name: str, start: int, summary: str, author: str, replacements: list) -> DemoEdit:
    parts = {"a summary": summary, "an 'author:' line": author, "a 'Replace:' block": replacements}
    if missing := [part for part, value in parts.items() if not value]:
        raise DemoContentError(name, start, f"the edit needs {' and '.join(missing)}")
    return DemoEdit(author=author, summary=summary, replacements=tuple(replacements))


def read_standard(directory: Traversable, key: str) -> DemoStandard:
    """The standard in ``<key>.md``, with the edits in ``<key>.edits.md`` if there is one."""
    source = directory / f"{key}.md"
    fields, body = parse_front_matter(source.read_text("utf-8"), str(source))
    edits_file = directory / f"{key}.edits.md"
    edits = ()
    if edits_file.is_file():
        edits = parse_edits(edits_file.read_text("utf-8"), str(edits_file))
    return DemoStandard(key=key, body=body, edits=edits, **fields)


#: the folder holding the standards' Markdown files
CONTENT = resources.files("wiki.demo.content")

#: the demo standards, by file name, in the order the loader creates them
KEYS = (
    "atencion-comensales",
    "limpieza-habitaciones",
    "guia-recorridos-culturales",
    "front-desk-reception",
    "soldadura-arco-automotriz",
    "inspeccion-calidad-autopartes",
    "operacion-cabina-pintura",
    "industrial-refrigeration-maintenance",
    "facilitacion-cursos-presenciales",
    "diseno-cursos-en-linea",
    "evaluacion-competencia-candidatos",
    "workplace-training-management",
)

STANDARDS: tuple[DemoStandard, ...] = tuple(read_standard(CONTENT, key) for key in KEYS)
