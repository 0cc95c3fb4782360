"""The embedded backend: a Whoosh index in a folder (whoosh-reloaded, pure Python).

Each document language has its own fields (``title_es``/``text_es``, ``title_en``/``text_en``)
analysed with ``wiki.search.analysis``; a query is compiled once per language and the two
are joined with OR (``whoosh_queries``). Visibility and facet filters become a set of
document numbers checked inside the engine's loop, so counts, facets and hits only ever
cover documents the viewer may see.

Writers take Whoosh's file lock (``fcntl``, released by the kernel if a process dies) and
release it on every path, a writer that failed half-made included. A writer that cannot get
it within ``lock_timeout`` raises ``IndexBusy``, and so does one that finds another process
rebuilding the index; the outbox keeps the work for the next drain, so no save ever fails on
the lock. The backend logs to the logger it is given (the application's).

The index lives outside the database and can be lost on its own (a folder removed, a segment
file damaged, an old copy put back). A new searcher is opened only after comparing the
index's document count with the database's (``count_settled_documents``); an index that
cannot be opened or holds fewer documents raises ``IndexIncomplete`` instead of answering
"0 results", and ``maintenance.repair_index`` rebuilds it.

Each write adds a segment; ``whoosh_segments`` decides when and how they are merged. With
``merge_in_background`` a thread of the process runs the merge in a child process
(``python -m wiki.search.whoosh_merge``) after the write has committed. The folder is
opened without memory maps (``whoosh_storage``); what of Whoosh's private API is needed
lives in ``whoosh_internals``.
"""

import contextlib
import heapq
import logging
import shutil
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.util.filelock import try_for
from whoosh.writing import CLEAR, NO_MERGE

from wiki.search import analysis, whoosh_segments
from wiki.search import whoosh_internals as internals
from wiki.search.base import (
    FACETS,
    Hit,
    IndexBusy,
    IndexIncomplete,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
)
from wiki.search.documents import SearchDocument, count_settled_documents
from wiki.search.visibility import Visibility
from wiki.search.whoosh_queries import AllowedCollector, compile_query
from wiki.search.whoosh_searcher import HeldSearcher, open_searcher
from wiki.search.whoosh_storage import open_index, process_lock

log = logging.getLogger(__name__)

#: memory a rebuild's writer may use before it writes a segment to disk
REBUILD_LIMIT_MB = 256
#: seconds a rebuild waits for the write lock (a drain's wait is ``lock_timeout``, short)
REBUILD_LOCK_TIMEOUT = 120.0
#: exit status of the merge process when the index stayed locked (EX_TEMPFAIL)
MERGE_BUSY = 75


class _Terms(Filter):
    """Fold, drop stop words and stem, renumbering positions so phrases skip stop words."""

    # Whoosh pickles the schema, this class by its module and name, into every table of
    # contents: moved or renamed, existing indexes no longer open until rebuilt.

    def __init__(self, language: str):
        self.language = language

    def __eq__(self, other):
        return isinstance(other, _Terms) and other.language == self.language

    def __call__(self, tokens):
        position = 0
        for token in tokens:
            text = analysis.term(token.text, self.language)
            if text is None:
                continue
            token.text = text
            if token.positions:
                token.pos = position
                position += 1
            yield token


def _discard(writer) -> None:
    """Drop a writer's temporary files after a failure, keeping that failure the one raised."""
    if not writer.is_closed:
        with contextlib.suppress(Exception):
            writer.cancel()


def _analyzer(language: str):
    return RegexTokenizer(analysis.WORD.pattern) | _Terms(language)


def schema() -> Schema:
    fields = {
        "doc_id": ID(stored=True, unique=True, sortable=True),
        "standard": ID,
        "visibility": ID,
        "status": ID(sortable=True),
        "committee": ID(sortable=True),
        "sector": ID(sortable=True),
        "level": ID(sortable=True),
        "language": ID(sortable=True),
        "date": NUMERIC(int, bits=64, sortable=True),
        "codes": KEYWORD(lowercase=True, scorable=True),
        "spelling": KEYWORD(scorable=True),
        "version": ID(sortable=True),
        "shown": STORED,
    }
    for language in analysis.LANGUAGES:
        fields[f"title_{language}"] = TEXT(analyzer=_analyzer(language), phrase=True)
        fields[f"text_{language}"] = TEXT(analyzer=_analyzer(language), phrase=True)
    return Schema(**fields)


def _fields(document: SearchDocument) -> dict:
    language = document.language
    text = f"{document.metadata}\n{document.body}"
    words = analysis.vocabulary(f"{document.title}\n{text}")
    return {
        "doc_id": document.doc_id,
        "standard": str(document.standard_id),
        "visibility": document.scope,
        "status": document.status,
        "committee": str(document.committee_id),
        "sector": document.sector,
        "level": str(document.level),
        "language": language,
        "date": int(document.date.timestamp() * 1_000_000),
        "codes": " ".join(code.lower() for code in document.codes),
        "spelling": " ".join(f"{document.scope}:{word}" for word in sorted(words)),
        "version": document.version,
        f"title_{language}": document.title,
        f"text_{language}": text,
        "shown": {
            "standard_id": document.standard_id,
            "edition_id": document.edition_id,
            "status": document.status,
            "stage": document.stage,
            "code": document.code,
            "title": document.title,
            "committee_id": document.committee_id,
            "committee_name": document.committee_name,
            "language": language,
            "level": document.level,
            "date": document.date,
            "body": document.body,
        },
    }


class WhooshBackend:
    """A Whoosh index in ``directory``; safe to share between processes on one machine."""

    #: the index is a folder of its own: written beside the database's transactions, never
    #: inside one, and lost (or damaged) on its own
    in_database = False

    def __init__(
        self,
        directory: str | Path,
        *,
        lock_timeout: float = 10.0,
        merge_in_background: bool = False,
        logger: logging.Logger = log,
    ):
        self.directory = Path(directory)
        self.lock_timeout = lock_timeout
        self.merge_in_background = merge_in_background
        self.log = logger
        self._schema = schema()
        self._local = threading.local()
        self._merger: threading.Thread | None = None
        self._merger_guard = threading.Lock()
        # a write found a merge due while the merger ran: it merges again before it ends
        self._merge_again = False

    def exists(self) -> bool:
        return whoosh_index.exists_in(str(self.directory))

    def _open(self):
        return open_index(self.directory)

    def rebuild_lock(self, *, wait: bool = True):
        """Held while the index is rebuilt (``process_lock``: one process, re-entrant)."""
        return process_lock(self.directory, "rebuild", wait=wait)

    def _open_or_create(self):
        if not whoosh_index.exists_in(str(self.directory)):
            with self.rebuild_lock(wait=False) as mine:
                if not mine:
                    raise IndexBusy("the index is being rebuilt")
                if not whoosh_index.exists_in(str(self.directory)):
                    self.directory.mkdir(parents=True, exist_ok=True)
                    whoosh_index.create_in(str(self.directory), self._schema)
        return self._open()

    @contextlib.contextmanager
    def _writer(self, ix, *, mergetype, timeout: float | None = None, **options):
        """A writer holding the lock, committed with ``mergetype`` unless the block raises or
        cancels it; the lock is released on every path.

        The lock is taken here, not by Whoosh's writer: one that fails after taking it (in an
        unwritable folder, making its temporary folder) keeps it until the garbage collector
        frees the half-made writer, which the error's traceback keeps alive as long as anything
        holds the error (a log record, a reference cycle); every later write of the process
        would wait ``lock_timeout`` and fail meanwhile.
        """
        timeout = self.lock_timeout if timeout is None else timeout
        lock = internals.write_lock(ix)
        if not try_for(lock.acquire, timeout=timeout, delay=0.02):
            raise IndexBusy(f"index write lock held for over {timeout}s")
        try:
            writer = internals.unlocked_writer(ix, **options)
            try:
                yield writer
                if not writer.is_closed:
                    writer.commit(mergetype=mergetype)
            except BaseException:
                _discard(writer)
                raise
        finally:
            lock.release()

    def index(
        self, documents: Sequence[SearchDocument], *, standard_ids: Collection[int], session=None
    ) -> None:
        self.index_loaded(lambda: (standard_ids, documents))

    def index_loaded(
        self, load: Callable[[], tuple[Collection[int], Sequence[SearchDocument]]]
    ) -> None:
        """Take the write lock, then ``load()`` the standards to index and their documents,
        and index them (nothing if it gives no standards).

        Loading under the lock orders concurrent drains: each reads the database after the
        writer before it committed, so an older state never replaces a newer one. While
        another process rebuilds the index, ``IndexBusy`` at once, without waiting.
        """
        with self.rebuild_lock(wait=False) as free:
            if not free:
                raise IndexBusy("the index is being rebuilt")
        background = self.merge_in_background
        policy = NO_MERGE if background else whoosh_segments.tiered_merge
        with self._writer(self._open_or_create(), mergetype=policy) as writer:
            standard_ids, documents = load()
            if not standard_ids:
                writer.cancel()
                return
            for standard_id in standard_ids:
                writer.delete_by_term("standard", str(standard_id))
            for document in documents:
                writer.add_document(**_fields(document))
            # The segments after this commit: the old ones with their deletions, and the new.
            sizes = whoosh_segments.segment_sizes(internals.writer_segments(writer))
            due = whoosh_segments.segments_to_merge([*sizes, (len(documents), 0)])
        if background and due:
            self._merge_soon()

    def merge_segments(self, *, timeout: float | None = None) -> int:
        """Merge segments until none is due (``whoosh_segments``); returns merges done."""
        timeout = whoosh_segments.MERGE_LOCK_TIMEOUT if timeout is None else timeout
        return whoosh_segments.merge_segments(self.directory, self._schema, timeout=timeout)

    def _merge_soon(self) -> None:
        """Merge in a thread of this process; if one is merging already, it merges once more
        when it is done, so segments written during a merge are not left unmerged."""
        with self._merger_guard:
            if self._merger is not None and self._merger.is_alive():
                self._merge_again = True
                return
            self._merge_again = False
            self._merger = threading.Thread(
                target=self._merge_until_settled, name="search-merge", daemon=True
            )
            self._merger.start()

    def _merge_until_settled(self) -> None:
        while True:
            self._run_merge_process()
            with self._merger_guard:
                if not self._merge_again:
                    return
                self._merge_again = False

    def _run_merge_process(self) -> None:
        """Merge in a child process at low priority, waiting for it in this thread.

        Not in this thread itself: a merge is pure Python, and sharing the worker's GIL it
        would slow the worker's requests, and their drains, while it runs.
        """
        command = [
            sys.executable,
            "-m",
            "wiki.search.whoosh_merge",
            str(self.directory),
            str(whoosh_segments.MERGE_LOCK_TIMEOUT),
        ]
        try:
            # this Python running our merge module, arguments in a list, no shell (bandit B603)
            done = subprocess.run(  # nosec B603
                command, capture_output=True, text=True, check=False
            )
        except OSError:
            self.log.exception("search: could not start the merge process; left unmerged")
            return
        if done.returncode == MERGE_BUSY:
            self.log.info("search: index busy; segments will be merged after a later write")
        elif done.returncode != 0:
            self.log.error("search: merging index segments failed: %s", done.stderr.strip())

    def wait_for_merges(self, timeout: float | None = None) -> None:
        """Wait for this process's background merge, if any (tests, tools, shutdown)."""
        merger = self._merger
        if merger is not None:
            merger.join(timeout)

    def remove(self, standard_ids: Collection[int], *, session=None) -> None:
        self.index([], standard_ids=standard_ids)

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]], *, session=None) -> int:
        """Replace the index with ``batches``, read only once the write lock is held."""
        with self.rebuild_lock():
            if not self.is_usable():
                shutil.rmtree(self.directory, ignore_errors=True)
                self.directory.mkdir(parents=True)
                whoosh_index.create_in(str(self.directory), self._schema)
            count = 0
            with self._writer(
                self._open(),
                mergetype=CLEAR,
                timeout=max(self.lock_timeout, REBUILD_LOCK_TIMEOUT),
                limitmb=REBUILD_LIMIT_MB,
            ) as writer:
                for batch in batches:
                    for document in batch:
                        writer.add_document(**_fields(document))
                        count += 1
        self.close()
        return count

    def is_whole(self, session) -> bool:
        """Whether the index can be read and holds every document the database has settled."""
        expected = count_settled_documents(session)  # first: see ``_held``
        if not self.is_usable():
            return False
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            return self._open().doc_count() >= expected

    def is_usable(self) -> bool:
        # Whoosh leaves a damaged table of contents open when reading it fails.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                ix = self._open()
                if set(ix.schema.names()) != set(self._schema.names()):
                    return False
                with ix.searcher() as searcher:
                    searcher.search(wq.Every(), limit=1)
                    next(iter(searcher.reader().all_doc_ids()), None)
                return True
            except Exception as exc:  # any damage at all means: rebuild
                self.log.info("search index at %s is missing or damaged: %r", self.directory, exc)
                return False

    def close(self) -> None:
        """Close this thread's searcher (its files); the next search opens a new one."""
        held = self._local.__dict__.pop("held", None)
        if held is not None:
            held.close()

    def _held(self, session=None) -> HeldSearcher | None:
        """This thread's searcher (and view), reopened whenever another writer committed;
        None if there is no index and the database has nothing settled to be in one.

        A new searcher must hold at least the documents the database has settled (with a
        ``session``): counted before the index is opened, since a drain indexes before it
        deletes its outbox row, so whatever the count saw settled is in any later index.
        ``IndexIncomplete`` otherwise, or if the index cannot be opened.

        Not ``Searcher.refresh()``: it reuses the readers of unchanged segments, and a
        segment whose documents were only deleted counts as unchanged, so deleted
        documents would come back.
        """
        held = getattr(self._local, "held", None)
        if held is not None and self._up_to_date(held):
            return held
        self.close()
        expected = count_settled_documents(session) if session is not None else 0
        if not self.exists():
            if expected:
                raise IndexIncomplete(f"no index in {self.directory}; {expected} documents due")
            return None
        with warnings.catch_warnings():
            # A segment file cut short fails inside Whoosh with its file open; the file is
            # closed once the error is dropped, at the end of the ``except`` clause.
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                searcher, failure = open_searcher(self._open()), None
            except Exception as exc:
                searcher, failure = None, repr(exc)
        if searcher is None:
            raise IndexIncomplete(f"the index cannot be opened: {failure}")
        if searcher.doc_count() < expected:
            found = searcher.doc_count()
            searcher.close()
            raise IndexIncomplete(f"the index holds {found} documents of {expected}")
        held = self._local.held = HeldSearcher(searcher)
        return held

    @staticmethod
    def _up_to_date(held: HeldSearcher) -> bool:
        try:
            return held.searcher.up_to_date()
        except Exception:  # the folder gone, a table of contents unreadable: open again
            return False

    def compile(self, request: SearchRequest) -> wq.Query | None:
        """The request's query over both languages, without visibility (benchmarks use it)."""
        if request.node is None:
            return wq.Every()
        parts = [compile_query(request.node, language) for language in analysis.LANGUAGES]
        kept = [part for part in parts if part is not None]
        return wq.Or(kept) if kept else None

    def search(self, request: SearchRequest, visibility: Visibility, *, session=None):
        compiled = self.compile(request)
        held = None if compiled is None else self._held(session)
        if held is None:
            return SearchResults([], 0, {}, request.page, request.per_page)
        try:
            return self._search(held, compiled, request, visibility)
        except Exception as exc:  # a damaged segment, a file gone during a merge…
            self.log.exception("search: the Whoosh index could not answer")
            raise SearchUnavailable(str(exc)) from exc

    def _search(self, held: HeldSearcher, compiled, request: SearchRequest, visibility):
        searcher, view = held.searcher, held.view
        collector = AllowedCollector(view.allowed(visibility, request.filters))
        searcher.search_with_collector(compiled, collector)
        wanted = request.page * request.per_page
        if request.sort == "date":
            dates = view.column("date")
            ranked = heapq.nlargest(wanted, collector.docnums, key=dates.__getitem__)
            scored = [(0.0, docnum) for docnum in ranked]
        else:
            scored = heapq.nlargest(wanted, zip(collector.scores, collector.docnums, strict=True))
        hits = []
        for score, docnum in scored[(request.page - 1) * request.per_page :]:
            stored = searcher.stored_fields(docnum)
            hits.append(Hit(doc_id=stored["doc_id"], score=score, **stored["shown"]))
        facets = {name: view.counts(name, collector.docnums) for name in FACETS}
        return SearchResults(hits, len(collector.docnums), facets, request.page, request.per_page)

    def vocabulary(
        self, first_letters: str, lengths: range, visibility: Visibility, *, session=None
    ) -> set[str]:
        held = self._held(session)
        if held is None:
            return set()
        reader = held.searcher.reader()
        found = set()
        for scope in visibility.scopes:
            for raw in reader.expand_prefix("spelling", f"{scope}:{first_letters}"):
                word = (raw.decode() if isinstance(raw, bytes) else raw)[len(scope) + 1 :]
                if len(word) in lengths:
                    found.add(word)
        return found

    def stored_versions(self, *, session=None) -> dict[str, str]:
        held = self._held()
        if held is None:
            return {}
        reader = held.searcher.reader()
        ids = reader.column_reader("doc_id")
        versions = reader.column_reader("version")
        return {ids[docnum]: versions[docnum] for docnum in reader.all_doc_ids()}
