"""A generated registry of competency standards for the search benchmark.

Sentences come from the demo standards (so word frequencies, stop words and accents are those
of real Spanish and English standards), with words swapped for each standard's topic terms,
drawn from a large made-up lexicon so that, as in the real catalogue, rare words abound. Each
standard follows the template (purpose, description, level, elements with performances,
products, knowledge, attitudes and glossary) and has about ``words`` words.

Rows are written with bulk inserts, not through the operations: building 10,000 standards
one save at a time would measure the editor, not search.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, text, update

from wiki.accounts.models import User
from wiki.committees.models import Committee, Membership
from wiki.demo.content import STANDARDS as DEMO_STANDARDS
from wiki.extensions import db
from wiki.publication.models import Edition
from wiki.roles import Role, StakeholderGroup
from wiki.standards.models import Revision, Standard
from wiki.standards.structure import Element, Item, ItemKind, Section, Structure

SECTORS = (
    "Turismo",
    "Automotriz",
    "Educación",
    "Construcción",
    "Salud",
    "Agroindustria",
    "Logística",
    "Energía",
    "Tecnologías de la información",
    "Gobierno",
)
COMMITTEES = 60
ENGLISH_SHARE = 0.15
_SYLLABLES = (
    *("ca", "ma", "to", "re", "ci", "pa", "lo", "ne", "ti", "sa", "mi", "do", "ra"),
    *("te", "co", "pi", "la", "de", "ri", "fa", "gu", "bo", "ve", "zu", "ño", "che"),
)
_SUFFIXES = ("ción", "miento", "dad", "ista", "ero", "ado", "ador", "ería", "aje", "ancia", "ico")
_HEADINGS = {
    "es": {
        "purpose": "Propósito",
        "description": "Descripción",
        "level": "Nivel de competencia",
        "element": "Elemento {n} de {total}: {code} {title}",
        ItemKind.PERFORMANCE: "Desempeños",
        ItemKind.PRODUCT: "Productos",
        ItemKind.KNOWLEDGE: "Conocimientos",
        ItemKind.ATTITUDE: "Actitudes, hábitos y valores",
        ItemKind.GLOSSARY: "Glosario",
        "knowledge_level": "Nivel",
    },
    "en": {
        "purpose": "Purpose",
        "description": "Description",
        "level": "Competency level",
        "element": "Element {n} of {total}: {code} {title}",
        ItemKind.PERFORMANCE: "Performance criteria",
        ItemKind.PRODUCT: "Products",
        ItemKind.KNOWLEDGE: "Knowledge",
        ItemKind.ATTITUDE: "Attitudes, habits and values",
        ItemKind.GLOSSARY: "Glossary",
        "knowledge_level": "Level",
    },
}
_COGNITIVE = {
    "es": ("Conocimiento", "Comprensión", "Aplicación"),
    "en": ("Knowledge", "Comprehension", "Application"),
}


def _texts(structure: Structure):
    for section in structure.sections:
        yield section.text
    for element in structure.elements:
        yield element.canonical_text()


def _words(element: Element) -> int:
    return len(element.canonical_text().split())


def _sentences(body: str) -> list[str]:
    """Sentences and list items of one demo standard."""
    found = []
    for line in body.splitlines():
        line = re.sub(r"^\s*(?:#+|\d+\.|[-*])\s*", "", line).strip()
        line = re.sub(r"\*\*|__", "", line)
        found += [s.strip() for s in re.split(r"(?<=[.;:])\s+", line) if len(s.split()) >= 4]
    return found


@dataclass(frozen=True)
class Generated:
    """The sizes of what was written, for the report."""

    standards: int
    documents: int
    #: words of text indexed per revision (sections, elements and criteria)
    words_per_revision: int


@dataclass(frozen=True)
class Topic:
    """What one standard is about: the demo standard it borrows sentences from, its words."""

    language: str
    sentences: list[str]
    #: its sector's vocabulary, most frequent first
    sector_words: list[str]
    #: words of its own
    own_words: list[str]


class Writer:
    """Generates standards of about ``words`` words each, reproducibly from ``seed``."""

    #: share of a sentence's content words swapped for the topic's
    SWAP = 0.35

    def __init__(self, words: int = 1500, seed: int = 7):
        self.words = words
        self.random = random.Random(seed)
        self.sources = {
            language: [_sentences(s.body) for s in DEMO_STANDARDS if s.language == language]
            for language in ("es", "en")
        }
        self.lexicon = self._lexicon(20_000)
        self.sectors = {sector: self.random.sample(self.lexicon, 1500) for sector in SECTORS}

    def _lexicon(self, size: int) -> list[str]:
        words: set[str] = set()
        while len(words) < size:
            stem = "".join(self.random.choice(_SYLLABLES) for _ in range(self.random.randint(2, 3)))
            words.add(stem + self.random.choice(_SUFFIXES))
        return sorted(words)

    def topic(self, language: str, sector: str) -> Topic:
        """A standard's subject: one demo standard's sentences, its sector's words, its own."""
        n = len(self.lexicon)
        own = [self.lexicon[int(n * self.random.random() ** 3)] for _ in range(30)]
        source = self.random.choice(self.sources[language])
        return Topic(language, source, self.sectors[sector], own)

    def sentence(self, topic: Topic) -> str:
        rng = self.random
        pool = topic.sentences if rng.random() < 0.97 else rng.choice(self.sources[topic.language])
        words = rng.choice(pool).split()
        sector = topic.sector_words
        for position, word in enumerate(words):
            if len(word) > 3 and rng.random() < self.SWAP:
                if rng.random() < 0.3:
                    words[position] = rng.choice(topic.own_words)
                else:
                    words[position] = sector[int(len(sector) * rng.random() ** 2)]
        return " ".join(words)

    def paragraph(self, topic: Topic, sentences: int) -> str:
        return " ".join(self.sentence(topic) for _ in range(sentences))

    def structure(self, topic: Topic) -> Structure:
        """Sections and elements, adding elements until the standard has its words."""
        language = topic.language
        sections = tuple(
            Section(f"s-{key}", key, _HEADINGS[language][key], self.paragraph(topic, n))
            for key, n in (("purpose", 3), ("description", 4), ("level", 2))
        )
        elements: list[Element] = []
        count = sum(len(s.text.split()) for s in sections)
        while count < self.words * 0.95:
            number = len(elements) + 1
            code = f"E{number:04d}"
            items = []
            for kind, how_many, subs in (
                (ItemKind.PERFORMANCE, 5, 2),
                (ItemKind.PRODUCT, 2, 2),
                (ItemKind.KNOWLEDGE, 4, 0),
                (ItemKind.ATTITUDE, 2, 0),
                (ItemKind.GLOSSARY, 2, 0),
            ):
                letter = {"performance": "d", "product": "p", "knowledge": "k"}.get(kind, "a")
                letter = "g" if kind is ItemKind.GLOSSARY else letter
                for serial in range(1, how_many + 1):
                    term = (
                        self.random.choice(topic.own_words)
                        if kind in (ItemKind.ATTITUDE, ItemKind.GLOSSARY)
                        else None
                    )
                    level = (
                        self.random.choice(_COGNITIVE[language])
                        if kind is ItemKind.KNOWLEDGE
                        else None
                    )
                    items.append(
                        Item(
                            id=f"{code}-{letter}{serial}",
                            kind=kind,
                            number=serial,
                            text=self.sentence(topic),
                            level=level,
                            sub_items=tuple(self.sentence(topic) for _ in range(subs)),
                            term=term.capitalize() if term else None,
                        )
                    )
            title = self.sentence(topic)[:80]
            element = Element(code, code, number, title, tuple(items))
            # The last element is cut short so that the standard ends near its length.
            while len(element.items) > 3 and count + _words(element) > self.words * 1.03:
                element = Element(code, code, number, title, element.items[:-1])
            elements.append(element)
            count += _words(element)
        return Structure(sections, tuple(elements))

    def markdown(self, language: str, structure: Structure) -> str:
        """The structure written in the template, so a later save parses back to it."""
        headings = _HEADINGS[language]
        lines = []
        for section in structure.sections:
            lines += [f"## {section.title}", "", section.text, ""]
        total = len(structure.elements)
        for element in structure.elements:
            title = headings["element"].format(
                n=element.number, total=total, code=element.code, title=element.title
            )
            lines += [f"## {title}", ""]
            for kind in ItemKind:
                items = [item for item in element.items if item.kind is kind]
                if not items:
                    continue
                lines += [f"### {headings[kind]}", ""]
                for item in items:
                    body = f"{item.term}: {item.text}" if item.term else item.text
                    if item.level:
                        body = f"{body} — {headings['knowledge_level']}: {item.level}"
                    lines.append(f"{item.number}. {body}")
                    lines += [f"   - {sub}" for sub in item.sub_items]
                lines.append("")
        return "\n".join(lines)


def load(standards: int, words: int = 1500, seed: int = 7) -> Generated:
    """Write ``standards`` generated standards into the app's (empty, migrated) database."""
    writer = Writer(words, seed)
    rng = writer.random
    now = dt.datetime.now(dt.UTC)
    session = db.session
    user = User(
        email="benchmark@example.org",
        display_name="Benchmark",
        stakeholder_group=StakeholderGroup.AGENCY,
        is_admin=True,
    )
    session.add(user)
    committees = [
        Committee(
            slug=f"comite-{n}",
            name=f"Comité de Gestión por Competencias {n} de {SECTORS[n % len(SECTORS)]}",
            sector=SECTORS[n % len(SECTORS)],
        )
        for n in range(1, COMMITTEES + 1)
    ]
    session.add_all(committees)
    session.flush()
    session.add(
        Membership(
            user_id=user.id,
            committee_id=committees[0].id,
            role=Role.CHAIR,
            can_vote=True,
            stakeholder_group=StakeholderGroup.INDUSTRY,
        )
    )
    session.flush()

    documents = total_words = 0
    standard_rows, revision_rows, edition_rows, pointers = [], [], [], []
    revision_id = edition_id = code_number = 0
    for standard_id in range(1, standards + 1):
        language = "en" if rng.random() < ENGLISH_SHARE else "es"
        committee = rng.choice(committees)
        topic = writer.topic(language, committee.sector)
        fate = rng.random()
        # 75% one current edition, 10% a superseded and a current one, 5% withdrawn,
        # 10% drafts never published.
        editions = 0 if fate < 0.10 else 2 if fate < 0.20 else 1
        withdrawn = 0.20 <= fate < 0.25
        title = writer.sentence(topic)[:120].rstrip(" .;:")
        # Codes go up to EC9999, and only published standards have one.
        code_number += 1 if editions else 0
        standard_rows.append(
            {
                "id": standard_id,
                "committee_id": committee.id,
                "title": title,
                "language": language,
                "level": rng.randint(1, 5),
                "status": "draft" if not editions else "withdrawn" if withdrawn else "published",
                "code_number": code_number if editions else None,
                "occupations": "\n".join(rng.sample(topic.own_words, 2)),
                "industry_code": f"{rng.randint(100000, 999999)}",
                "created_by_id": user.id,
                "created_at": now,
                "updated_at": now,
            }
        )
        revisions = max(editions, 1)
        for number in range(1, revisions + 1):
            structure = writer.structure(topic)
            body = writer.markdown(language, structure)
            revision_id += 1
            total_words += sum(len(part.split()) for part in _texts(structure))
            revision_rows.append(
                {
                    "id": revision_id,
                    "standard_id": standard_id,
                    "number": number,
                    "parent_number": number - 1 if number > 1 else None,
                    "author_id": user.id,
                    "created_at": now - dt.timedelta(days=rng.randint(0, 3000)),
                    "summary": "",
                    "title": title,
                    "body_markdown": body,
                    "content_hash": hashlib.sha256(body.encode()).hexdigest(),
                    "body_html": "",
                    "toc": [],
                    "structure": structure.to_dict(),
                    "size_chars": len(body),
                    "size_delta": len(body),
                }
            )
        current = None
        for number in range(1, editions + 1):
            edition_id += 1
            last = number == editions
            status = ("withdrawn" if withdrawn else "current") if last else "superseded"
            published = now - dt.timedelta(days=rng.randint(0, 3650))
            edition_rows.append(
                {
                    "id": edition_id,
                    "standard_id": standard_id,
                    "revision_id": revision_id - editions + number,
                    "edition_number": number,
                    "code": f"EC{code_number:04d}.{number:02d}",
                    "status": status,
                    "published_at": published,
                    "published_by_id": user.id,
                    "withdrawn_at": published if status == "withdrawn" else None,
                    "withdrawn_reason": "Sin demanda." if status == "withdrawn" else None,
                }
            )
            current = edition_id
        documents += editions + (0 if editions else 1)
        pointers.append({"id": standard_id, "head": revision_id, "current": current})
    connection = session.connection()
    for table, rows in (
        (Standard.__table__, standard_rows),
        (Revision.__table__, revision_rows),
        (Edition.__table__, edition_rows),
    ):
        for start in range(0, len(rows), 500):
            connection.execute(insert(table), rows[start : start + 500])
    connection.execute(
        update(Standard.__table__)
        .where(Standard.__table__.c.id == bindparam("standard"))
        .values(head_revision_id=bindparam("head"), current_edition_id=bindparam("edition")),
        [{"standard": p["id"], "head": p["head"], "edition": p["current"]} for p in pointers],
    )
    if connection.dialect.name == "postgresql":
        for table in ("standards", "revisions", "editions"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"
                )
            )
    # The index is built by the benchmark itself, not by whatever the inserts queued.
    connection.execute(text("DELETE FROM search_outbox"))
    session.commit()
    return Generated(standards, documents, round(total_words / len(revision_rows)))
