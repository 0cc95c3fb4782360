"""The search interface every backend implements, and the values that cross it."""

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from wiki.search.documents import SearchDocument
from wiki.search.query import Node
from wiki.search.visibility import Visibility

#: facets shown beside the results, in order; each is also a filter
FACETS = ("committee", "sector", "level", "status", "language")
#: document statuses: the three of a published edition, and a standard's draft
STATUSES = ("current", "superseded", "withdrawn", "draft")
SORTS = ("relevance", "date")


class SearchUnavailable(Exception):
    """The index cannot answer now (missing, being rebuilt, or its database is down)."""


class IndexBusy(SearchUnavailable):
    """Another process holds the index's write lock; the work stays in the outbox."""


class IndexIncomplete(SearchUnavailable):
    """The index is missing, damaged or lacks documents the database has: rebuild it."""


@dataclass(frozen=True)
class Filters:
    """Facet values the results must have; None means any."""

    committee: int | None = None
    sector: str | None = None
    level: int | None = None
    status: str | None = None
    language: str | None = None

    def active(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if value is not None}


@dataclass(frozen=True)
class SearchRequest:
    """One page of results for a query tree (None lists everything the filters allow)."""

    node: Node | None
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10


@dataclass(frozen=True)
class Hit:
    """A found document, with the stored text the snippet is cut from."""

    doc_id: str
    standard_id: int
    edition_id: int | None
    status: str
    stage: str
    code: str | None
    title: str
    committee_id: int
    committee_name: str
    language: str
    level: int
    date: dt.datetime
    body: str
    score: float = 0.0


@dataclass(frozen=True)
class SearchResults:
    """Hits of one page, the total, and counts per facet value over every match."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int = 1
    per_page: int = 10

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class SearchBackend(Protocol):
    """An index of ``SearchDocument``; ``session`` is the database session of the caller."""

    #: True: the index is in the application's database, written in the caller's
    #: transaction and never lost apart from it. False: it is beside the database, and no
    #: database write transaction may wait on it (``outbox``, ``maintenance``).
    in_database: bool

    def index(
        self, documents: Sequence[SearchDocument], *, standard_ids: Collection[int], session
    ) -> None:
        """Make the index hold exactly ``documents`` for the standards ``standard_ids``."""

    def remove(self, standard_ids: Collection[int], *, session) -> None:
        """Drop every document of these standards."""

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]], *, session) -> int:
        """Replace the whole index with these documents; returns how many were indexed."""

    def search(self, request: SearchRequest, visibility: Visibility, *, session) -> SearchResults:
        """Run the request with the viewer's visibility applied inside the engine's query."""

    def vocabulary(
        self, first_letters: str, lengths: range, visibility: Visibility, *, session
    ) -> set[str]:
        """Indexed words the viewer may see, starting with ``first_letters``, of these lengths."""

    def stored_versions(self, *, session) -> dict[str, str]:
        """``doc_id -> version`` of every indexed document, for the drift check."""

    def is_usable(self) -> bool:
        """Whether the index exists and can be read (False means rebuild it)."""

    def is_whole(self, session) -> bool:
        """Whether the index can be read and holds every document the database has settled
        (``documents.count_settled_documents``); False means rebuild it."""

    def rebuild_lock(self, *, wait: bool = True) -> AbstractContextManager[bool]:
        """Held by whoever rebuilds the index; yields False, without ``wait``, if another has
        it. Re-entrant within a thread."""

    def close(self) -> None:
        """Release the files this thread holds open (an app being shut down, tests)."""
