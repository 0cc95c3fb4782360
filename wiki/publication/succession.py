"""Which edition replaced which: the "supersedes" and "superseded by" links of the registry.

Publishing edition n of a standard supersedes edition n - 1 if it was still in force; a
withdrawn edition is replaced by nothing, even when a later edition follows it. So an edition
was superseded by the next edition of its standard exactly when its status says superseded.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from wiki.publication.lifecycle import EditionStatus


@dataclass(frozen=True)
class Succession:
    """The codes of the edition this one replaced, and of the one that replaced it."""

    supersedes: str | None = None
    superseded_by: str | None = None


@dataclass(frozen=True)
class EditionRecord:
    """What the rule needs to know of an edition."""

    standard_id: int
    edition_number: int
    status: EditionStatus
    code: str


def successions(editions: Iterable[EditionRecord]) -> dict[str, Succession]:
    """Each edition's succession, by code; give every edition of the standards concerned."""
    by_standard: dict[int, list[EditionRecord]] = defaultdict(list)
    for edition in editions:
        by_standard[edition.standard_id].append(edition)
    links: dict[str, dict[str, str]] = defaultdict(dict)
    for records in by_standard.values():
        records.sort(key=lambda record: record.edition_number)
        for older, newer in pairwise(records):
            if older.status == EditionStatus.SUPERSEDED:
                links[older.code]["superseded_by"] = newer.code
                links[newer.code]["supersedes"] = older.code
    return {
        record.code: Succession(**links.get(record.code, {}))
        for records in by_standard.values()
        for record in records
    }
