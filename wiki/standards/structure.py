"""Parse a standard's Markdown into sections, elements and criteria with stable identifiers.

Template format (either language; headings match case- and accent-insensitively):

- ``# Title`` is optional and ignored; text before the first ``##`` is ignored.
- ``## Propósito`` / ``## Purpose``, ``## Descripción`` / ``## Description``,
  ``## Nivel de competencia`` / ``## Competency level``, ``## Perfil`` / ``## Profile``,
  ``## Glosario`` / ``## Glossary`` (document level), ``## Referencias`` / ``## References``:
  sections; any other ``##`` heading is an ``other`` section with a warning.
- ``## Elemento 1 de 2: E0875 Title`` / ``## Element 1 of 2: E0875 Title``: an element, code
  ``E`` + four digits. Under it, ``###`` subsections ``Desempeños`` / ``Performance criteria``,
  ``Productos`` / ``Products``, ``Conocimientos`` / ``Knowledge``,
  ``Actitudes, hábitos y valores`` / ``Attitudes, habits and values``, ``Glosario`` / ``Glossary``.
- In a subsection, each outermost list item (``1.`` or ``-``) is a criterion; list items
  indented two or more columns under it are its sub-criteria, with ids ``<item id>-c<serial>``
  (the rule is ``wiki.standards.lists``'s, which the renderer nests by). Knowledge ends with
  ``— Nivel: Comprensión`` / ``— Level: Comprehension``; attitudes and glossary entries start
  with ``Term:`` or ``**Term**:``.

Ids: sections ``s-<key>``, elements by code (``E0875``, else ``e<position>``), items
``<element id>-<letter><serial>`` with letters d, p, k, a, g. Given the previous structure,
items keep their id when matched by exact text or by similarity; new items get a serial
above the highest ever used for that element and kind, so a removed id never comes back.
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from wiki.standards.lists import list_depths

#: Lowest difflib ratio at which a reworded item keeps its id.
SIMILARITY_THRESHOLD = 0.6
#: Above this many candidate pairs per element and kind, only exact matches carry ids forward.
MAX_SIMILARITY_PAIRS = 10_000
#: Only this many characters of an item are compared, to bound difflib's cost.
SIMILARITY_CHARS = 600

FORMAT_VERSION = 1


class ItemKind(enum.StrEnum):
    PERFORMANCE = "performance"  #: desempeño: an observable action
    PRODUCT = "product"  #: producto: a deliverable
    KNOWLEDGE = "knowledge"  #: conocimiento, with a cognitive level
    ATTITUDE = "attitude"  #: actitud, hábito o valor
    GLOSSARY = "glossary"  #: término del glosario


KIND_LETTER = {
    ItemKind.PERFORMANCE: "d",
    ItemKind.PRODUCT: "p",
    ItemKind.KNOWLEDGE: "k",
    ItemKind.ATTITUDE: "a",
    ItemKind.GLOSSARY: "g",
}


@dataclass(frozen=True)
class Item:
    id: str
    kind: ItemKind
    number: int
    text: str
    level: str | None = None
    sub_items: tuple[str, ...] = ()
    #: The attitude's or glossary entry's name; ``text`` then holds the rest.
    term: str | None = None
    #: Stable ids of ``sub_items``, in the same order (``E0875-d1-c2``).
    sub_ids: tuple[str, ...] = ()

    def canonical_text(self) -> str:
        """The item as one normalised string: term, text, level, then sub-criteria."""
        return _canonical(self.term, self.text, self.level, self.sub_items)

    def sub_parts(self) -> tuple[SubItem, ...]:
        """The sub-criteria with their ids and positions (none in structures stored before
        sub-criteria had ids, until ``flask standards rebuild``)."""
        pairs = zip(self.sub_ids, self.sub_items, strict=False)
        return tuple(
            SubItem(id=sub_id, number=n, text=text, parent_id=self.id)
            for n, (sub_id, text) in enumerate(pairs, start=1)
        )


@dataclass(frozen=True)
class SubItem:
    """A sub-criterion: a line indented under a criterion, addressable on its own."""

    id: str
    number: int
    text: str
    parent_id: str


@dataclass(frozen=True)
class Element:
    id: str
    code: str | None
    number: int
    title: str
    items: tuple[Item, ...] = ()

    def canonical_text(self) -> str:
        """Heading and every item, so any change inside the element changes it."""
        head = f"{self.code or ''} {self.title}".strip()
        return "\n".join([head, *(item.canonical_text() for item in self.items)])


@dataclass(frozen=True)
class Section:
    id: str
    key: str
    title: str
    text: str
    #: Entries of a document-level glossary; empty for other sections.
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Warning:  # Shadows the builtin on purpose: the agreed API name; data, not a Python warning.
    code: str
    line: int
    detail: str = ""


@dataclass(frozen=True)
class Structure:
    sections: tuple[Section, ...] = ()
    elements: tuple[Element, ...] = ()
    warnings: tuple[Warning, ...] = ()
    #: Highest serial ever given per ``<owner id>-<letter>``, kept across revisions.
    serials: dict[str, int] = field(default_factory=dict, hash=False)

    def iter_items(self) -> Iterator[Item]:
        """Every item, document-level glossary entries included."""
        for section in self.sections:
            yield from section.items
        for element in self.elements:
            yield from element.items

    def iter_sub_items(self) -> Iterator[SubItem]:
        """Every sub-criterion, in document order."""
        for item in self.iter_items():
            yield from item.sub_parts()

    def part_ids(self) -> set[str]:
        """Every addressable id: sections, elements, items and sub-criteria."""
        ids = {section.id for section in self.sections}
        ids.update(element.id for element in self.elements)
        ids.update(item.id for item in self.iter_items())
        ids.update(sub.id for sub in self.iter_sub_items())
        return ids

    def find(self, part_id: str) -> Section | Element | Item | SubItem | None:
        """The section, element, item or sub-criterion with this id, or None."""
        for part in (*self.sections, *self.elements, *self.iter_items(), *self.iter_sub_items()):
            if part.id == part_id:
                return part
        return None

    def part_text(self, part_id: str) -> str | None:
        """Canonical text of a part, to tell whether it changed between revisions."""
        part = self.find(part_id)
        if part is None:
            return None
        if isinstance(part, Section | SubItem):
            return part.text
        return part.canonical_text()

    def to_dict(self) -> dict:
        """A JSON-ready dict; ``from_dict`` reads it back."""
        return {
            "version": FORMAT_VERSION,
            "sections": [
                {
                    "id": s.id,
                    "key": s.key,
                    "title": s.title,
                    "text": s.text,
                    "items": [_item_to_dict(i) for i in s.items],
                }
                for s in self.sections
            ],
            "elements": [
                {
                    "id": e.id,
                    "code": e.code,
                    "number": e.number,
                    "title": e.title,
                    "items": [_item_to_dict(i) for i in e.items],
                }
                for e in self.elements
            ],
            "warnings": [
                {"code": w.code, "line": w.line, "detail": w.detail} for w in self.warnings
            ],
            "serials": dict(sorted(self.serials.items())),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Structure:
        """Rebuild a structure stored with ``to_dict``."""
        return cls(
            sections=tuple(
                Section(
                    id=s["id"],
                    key=s["key"],
                    title=s["title"],
                    text=s["text"],
                    items=tuple(_item_from_dict(i) for i in s.get("items", ())),
                )
                for s in data.get("sections", ())
            ),
            elements=tuple(
                Element(
                    id=e["id"],
                    code=e.get("code"),
                    number=e["number"],
                    title=e["title"],
                    items=tuple(_item_from_dict(i) for i in e.get("items", ())),
                )
                for e in data.get("elements", ())
            ),
            warnings=tuple(
                Warning(w["code"], w["line"], w.get("detail", "")) for w in data.get("warnings", ())
            ),
            serials={str(k): int(v) for k, v in data.get("serials", {}).items()},
        )


def _item_to_dict(item: Item) -> dict:
    return {
        "id": item.id,
        "kind": item.kind.value,
        "number": item.number,
        "text": item.text,
        "level": item.level,
        "sub_items": list(item.sub_items),
        "sub_ids": list(item.sub_ids),
        "term": item.term,
    }


def _item_from_dict(data: dict) -> Item:
    return Item(
        id=data["id"],
        kind=ItemKind(data["kind"]),
        number=data["number"],
        text=data["text"],
        level=data.get("level"),
        sub_items=tuple(data.get("sub_items", ())),
        term=data.get("term"),
        sub_ids=tuple(data.get("sub_ids", ())),
    )


def _canonical(term: str | None, text: str, level: str | None, sub_items: tuple[str, ...]) -> str:
    head = f"{term}: {text}" if term else text
    if level:
        head = f"{head} — {level}"
    return "\n".join([head, *sub_items])


def normalize_heading(title: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a heading, for matching aliases."""
    decomposed = unicodedata.normalize("NFKD", title)
    # Dropping combining marks turns "ñ" into "n" as well; harmless for matching headings.
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


SECTION_ALIASES = {
    "purpose": {
        "proposito",
        "purpose",
        "proposito del estandar de competencia",
        "purpose of the standard",
    },
    "description": {
        "descripcion",
        "description",
        "descripcion del estandar de competencia",
        "description of the standard",
    },
    "level": {"nivel de competencia", "nivel", "competency level", "level", "competence level"},
    "profile": {
        "perfil",
        "perfil del estandar de competencia",
        "profile",
        "profile of the standard",
    },
    "glossary": {"glosario", "glossary"},
    "references": {"referencias", "references", "bibliografia", "bibliography"},
}
SUBSECTION_ALIASES = {
    ItemKind.PERFORMANCE: {
        "desempenos",
        "desempeno",
        "performance criteria",
        "performances",
        "performance",
    },
    ItemKind.PRODUCT: {"productos", "producto", "products", "product"},
    ItemKind.KNOWLEDGE: {"conocimientos", "conocimiento", "knowledge"},
    ItemKind.ATTITUDE: {
        "actitudes habitos y valores",
        "actitudes",
        "actitudes y valores",
        "attitudes habits and values",
        "attitudes",
        "attitudes and values",
    },
    ItemKind.GLOSSARY: {"glosario", "glossary"},
}
_SECTION_BY_ALIAS = {alias: key for key, aliases in SECTION_ALIASES.items() for alias in aliases}
_KIND_BY_ALIAS = {alias: kind for kind, aliases in SUBSECTION_ALIASES.items() for alias in aliases}

_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
_SEP = r"\s*(?:[:.\-–—]\s*)?"
_ELEMENT = re.compile(
    rf"elemento?\s+(\d{{1,4}})(?:\s+(?:de|of)\s+(\d{{1,4}}))?{_SEP}(?:\b([Ee]\d{{4}})\b{_SEP})?(.*)",
    re.IGNORECASE | re.DOTALL,
)
#: an element heading's text: its number, "of N", code and title (groups 1 to 4)
ELEMENT_HEADING = _ELEMENT
_LEVEL_SUFFIX = re.compile(
    r"(.*?)\s*(?:[—–]+|-{1,2}|\|)\s*[*_]*(?:nivel|level)\s*(?::[*_]*|[*_]*:)\s*(.+?)", re.IGNORECASE
)
_LEVEL_PARENS = re.compile(r"(.*?)\s*\(\s*(?:nivel|level)\s*:\s*(.+?)\s*\)$", re.IGNORECASE)
_BOLD_TERM = re.compile(r"(?:\*\*|__)(.+?):?(?:\*\*|__)\s*:?\s*(.*)")
_PLAIN_TERM = re.compile(r"([^:]{1,80}?)\s*:\s+(.*)")


@dataclass
class _RawItem:
    line: int
    text: str
    sub_items: list[str] = field(default_factory=list)
    level: str | None = None
    term: str | None = None

    def canonical(self) -> str:
        return _canonical(self.term, self.text, self.level, tuple(self.sub_items))


@dataclass
class _RawElement:
    line: int
    code: str | None
    declared_number: int
    declared_total: int | None
    title: str
    items: dict[ItemKind, list[_RawItem]] = field(default_factory=dict)


@dataclass
class _RawSection:
    line: int
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    items: list[_RawItem] = field(default_factory=list)


def parse_structure(markdown: str, previous: Structure | None = None) -> Structure:
    """Parse a standard's Markdown; never raises: departures from the template become warnings."""
    warnings: list[Warning] = []
    sections, elements = _read_blocks(markdown, warnings)
    serials = dict(previous.serials) if previous else {}
    built_sections = _build_sections(sections, previous, serials, warnings)
    built_elements = _build_elements(elements, previous, serials, warnings)
    warnings.sort(key=lambda w: w.line)
    return Structure(tuple(built_sections), tuple(built_elements), tuple(warnings), serials)


def _read_blocks(
    markdown: str, warnings: list[Warning]
) -> tuple[list[_RawSection], list[_RawElement]]:
    """Walk the lines once, splitting them into sections, elements and criteria lists."""
    sections: list[_RawSection] = []
    elements: list[_RawElement] = []
    section: _RawSection | None = None
    element: _RawElement | None = None
    # Lines of the criteria list being read, and where its items go; None outside such a list.
    criteria: list[tuple[int, str]] | None = None
    criteria_target: tuple[ItemKind, list[_RawItem]] | None = None
    fence: str | None = None

    def flush_criteria() -> None:
        nonlocal criteria, criteria_target
        if criteria is not None and criteria_target is not None:
            kind, target = criteria_target
            target.extend(_parse_items(criteria, kind, warnings))
        criteria, criteria_target = None, None

    for number, raw_line in enumerate(
        markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1
    ):
        line = raw_line.expandtabs(4)
        fence_match = _FENCE.match(line)
        if fence is not None or fence_match:
            if fence is None:
                fence = fence_match.group(1)[0] * 3
            elif line.strip().startswith(fence):
                fence = None
            if section is not None:
                section.lines.append(raw_line)
            continue
        heading = _HEADING.match(line)
        if heading is None or len(heading.group(1)) > 3:
            if section is not None:
                section.lines.append(raw_line)
            if criteria is not None:
                criteria.append((number, line))
            continue
        level = len(heading.group(1))
        title = (heading.group(2) or "").strip()
        if level == 1:
            flush_criteria()
            section = element = None
            continue
        if level == 2:
            flush_criteria()
            section = element = None
            element_match = _ELEMENT.fullmatch(title)
            if element_match:
                declared, total, code, rest = element_match.groups()
                element = _RawElement(
                    line=number,
                    code=code.upper() if code else None,
                    declared_number=int(declared),
                    declared_total=int(total) if total else None,
                    title=rest.strip(),
                )
                elements.append(element)
                continue
            key = _SECTION_BY_ALIAS.get(normalize_heading(title))
            if key is None:
                key = "other"
                warnings.append(Warning("unknown_section", number, title))
            section = _RawSection(line=number, key=key, title=title)
            sections.append(section)
            if key == "glossary":
                criteria, criteria_target = [], (ItemKind.GLOSSARY, section.items)
            continue
        # A level-3 heading: a criteria list inside an element, or prose inside a section.
        kind = _KIND_BY_ALIAS.get(normalize_heading(title))
        if element is not None:
            flush_criteria()
            if kind is None:
                warnings.append(Warning("unknown_subsection", number, title))
                continue
            criteria, criteria_target = [], (kind, element.items.setdefault(kind, []))
            continue
        if section is not None:
            section.lines.append(raw_line)
        if kind is not None:
            warnings.append(Warning("criteria_outside_element", number, title))
    flush_criteria()
    return sections, elements


def _parse_items(
    lines: list[tuple[int, str]], kind: ItemKind, warnings: list[Warning]
) -> list[_RawItem]:
    """Items at depth 0 become criteria; deeper items become their sub-criteria.

    Depths come from ``wiki.standards.lists``, the rule the renderer nests lists by.
    """
    items: list[_RawItem] = []
    current: _RawItem | None = None
    places = list_depths([line for _, line in lines])
    for (number, _), place in zip(lines, places, strict=True):
        if place.depth is None:
            # Prose between criteria ("La persona es competente cuando:") is not a criterion.
            if place.text:
                current = None
            continue
        text = _squash(place.text)
        if place.is_item and place.depth == 0:
            current = _RawItem(line=number, text=text)
            items.append(current)
        elif current is None or not text:
            continue
        elif place.is_item:
            current.sub_items.append(text)
        elif place.depth > 0 and current.sub_items:
            current.sub_items[-1] = _squash(f"{current.sub_items[-1]} {text}")
        else:
            current.text = _squash(f"{current.text} {text}")
    kept = [item for item in items if item.text or item.sub_items]
    for item in kept:
        _annotate(item, kind, warnings)
    return kept


def _annotate(item: _RawItem, kind: ItemKind, warnings: list[Warning]) -> None:
    if kind is ItemKind.KNOWLEDGE:
        match = _LEVEL_PARENS.fullmatch(item.text) or _LEVEL_SUFFIX.fullmatch(item.text)
        if match:
            item.text, item.level = match.group(1).strip(), match.group(2).strip(" *_.")
        else:
            warnings.append(Warning("knowledge_without_level", item.line, item.text[:80]))
    elif kind in (ItemKind.ATTITUDE, ItemKind.GLOSSARY):
        match = _BOLD_TERM.fullmatch(item.text) or _PLAIN_TERM.fullmatch(item.text)
        if match and match.group(1).strip():
            item.term, item.text = match.group(1).strip(), match.group(2).strip()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _build_sections(
    raw_sections: list[_RawSection],
    previous: Structure | None,
    serials: dict[str, int],
    warnings: list[Warning],
) -> list[Section]:
    taken: set[str] = set()
    built: list[Section] = []
    for raw in raw_sections:
        if raw.key == "other":
            base = f"s-other-{_ascii_slug(raw.title)}".rstrip("-")
        else:
            base = f"s-{raw.key}"
        section_id = _unique(base, taken)
        if section_id != base and raw.key != "other":
            warnings.append(Warning("duplicate_section", raw.line, raw.key))
        prev_section = previous.find(section_id) if previous else None
        prev_items = prev_section.items if isinstance(prev_section, Section) else ()
        items = _assign_ids(section_id, ItemKind.GLOSSARY, raw.items, prev_items, serials)
        built.append(
            Section(section_id, raw.key, raw.title, "\n".join(raw.lines).strip(), tuple(items))
        )
    return built


def _build_elements(
    raw_elements: list[_RawElement],
    previous: Structure | None,
    serials: dict[str, int],
    warnings: list[Warning],
) -> list[Element]:
    counts: dict[str, int] = {}
    for raw in raw_elements:
        if raw.code:
            counts[raw.code] = counts.get(raw.code, 0) + 1
    taken = {code for code, count in counts.items() if count == 1}
    prev_codeless = {
        normalize_heading(e.title): e.id
        for e in (previous.elements if previous else ())
        if e.code is None
    }
    total = len(raw_elements)
    mismatch_reported = False
    built: list[Element] = []
    for position, raw in enumerate(raw_elements, start=1):
        if raw.code and counts[raw.code] == 1:
            element_id = raw.code
        else:
            if raw.code:
                warnings.append(Warning("duplicate_element_code", raw.line, raw.code))
            else:
                warnings.append(Warning("element_without_code", raw.line, str(position)))
            reused = prev_codeless.get(normalize_heading(raw.title)) if raw.code is None else None
            element_id = (
                reused if reused and reused not in taken else _unique(f"e{position}", taken)
            )
            taken.add(element_id)
        if raw.declared_number != position:
            warnings.append(
                Warning(
                    "element_number_mismatch",
                    raw.line,
                    f"declared={raw.declared_number} position={position}",
                )
            )
        if raw.declared_total is not None and raw.declared_total != total and not mismatch_reported:
            warnings.append(
                Warning(
                    "element_count_mismatch",
                    raw.line,
                    f"declared={raw.declared_total} found={total}",
                )
            )
            mismatch_reported = True
        prev_element = previous.find(element_id) if previous else None
        prev_items = prev_element.items if isinstance(prev_element, Element) else ()
        items: list[Item] = []
        for kind in ItemKind:
            items.extend(
                _assign_ids(element_id, kind, raw.items.get(kind, []), prev_items, serials)
            )
        if not items:
            warnings.append(Warning("empty_element", raw.line, element_id))
        built.append(Element(element_id, raw.code, position, raw.title, tuple(items)))
    return built


def _assign_ids(
    owner_id: str,
    kind: ItemKind,
    raws: list[_RawItem],
    prev_items: tuple[Item, ...],
    serials: dict[str, int],
) -> list[Item]:
    """Carry ids forward from previous items of the same owner and kind; mint new ones above.

    Each item's sub-criteria get ids the same way, from the previous item that kept its id.
    """
    key = f"{owner_id}-{KIND_LETTER[kind]}"
    previous = [item for item in prev_items if item.kind is kind and item.id.startswith(key)]
    ids = _match_ids(
        key,
        [raw.canonical() for raw in raws],
        [(item.id, item.canonical_text()) for item in previous],
        serials,
    )
    by_id = {item.id: item for item in previous}
    items = []
    for n, (item_id, raw) in enumerate(zip(ids, raws, strict=True), start=1):
        prev = by_id.get(item_id)
        sub_ids = _match_ids(
            f"{item_id}-c",
            raw.sub_items,
            list(zip(prev.sub_ids, prev.sub_items, strict=False)) if prev else [],
            serials,
        )
        items.append(
            Item(
                id=item_id,
                kind=kind,
                number=n,
                text=raw.text,
                level=raw.level,
                sub_items=tuple(raw.sub_items),
                term=raw.term,
                sub_ids=tuple(sub_ids),
            )
        )
    return items


def _match_ids(
    key: str, texts: list[str], previous: list[tuple[str, str]], serials: dict[str, int]
) -> list[str]:
    """Ids for ``texts``: a previous ``(id, text)``'s id by exact text, then by similarity;
    new ids ``<key><serial>`` above the highest serial ever used under ``key``."""
    ids: list[str | None] = [None] * len(texts)
    free = set(range(len(previous)))

    for i, text in enumerate(texts):
        for j in sorted(free):
            if previous[j][1] == text:
                ids[i] = previous[j][0]
                free.discard(j)
                break

    pending = [i for i, assigned in enumerate(ids) if assigned is None]
    if pending and free and len(pending) * len(free) <= MAX_SIMILARITY_PAIRS:
        pairs = []
        for i in pending:
            for j in free:
                ratio = _similarity(texts[i], previous[j][1])
                if ratio >= SIMILARITY_THRESHOLD:
                    # Ties go to the candidate nearest in position, then to document order.
                    pairs.append((-ratio, abs(i - j), i, j))
        for _, _, i, j in sorted(pairs):
            if ids[i] is None and j in free:
                ids[i] = previous[j][0]
                free.discard(j)

    high = max([serials.get(key, 0), *(_serial(prev_id, key) for prev_id, _ in previous)])
    for i, assigned in enumerate(ids):
        if assigned is None:
            high += 1
            ids[i] = f"{key}{high}"
    if texts or key in serials:
        serials[key] = high
    return ids


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(
        None, a[:SIMILARITY_CHARS], b[:SIMILARITY_CHARS], autojunk=False
    )
    if (
        matcher.real_quick_ratio() < SIMILARITY_THRESHOLD
        or matcher.quick_ratio() < SIMILARITY_THRESHOLD
    ):
        return 0.0
    return matcher.ratio()


def _serial(item_id: str, key: str) -> int:
    suffix = item_id[len(key) :]
    return int(suffix) if suffix.isdigit() else 0


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _ascii_slug(title: str) -> str:
    return normalize_heading(title).replace(" ", "-")[:60]
