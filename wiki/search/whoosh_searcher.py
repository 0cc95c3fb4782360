"""A searcher on the Whoosh index's latest segments, and one held per thread.

Each thread keeps its searcher until another writer commits (``WhooshBackend._held``), so
the segment files it reads are opened once per change of the index, not once per search.
"""

import contextlib
import time

from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher

from wiki.search import whoosh_internals as internals
from wiki.search.whoosh_queries import SearchView

#: attempts to open a searcher while merges delete the segments it read of
OPEN_ATTEMPTS = 10


def open_searcher(ix) -> Searcher:
    """A searcher on the index's latest segments.

    A merge may delete a segment's file between reading the table of contents and opening
    it. Whoosh's own ``ix.searcher()`` then tries again but leaves the readers it had opened
    to the garbage collector, each holding its segment file open; here they are closed.
    """
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        toc = internals.read_toc(ix)
        readers = []
        try:
            for segment in toc.segments:
                readers.append(SegmentReader(ix.storage, toc.schema, segment, toc.generation))
        except Exception as exc:  # a file gone (merged away), or cut short
            for reader in readers:
                reader.close()
            if attempt == OPEN_ATTEMPTS or not isinstance(exc, OSError):
                raise
            time.sleep(0.05)
        else:
            if not readers:
                return Searcher(EmptyReader(toc.schema), fromindex=ix)
            if len(readers) == 1:
                return Searcher(readers[0], fromindex=ix)
            return Searcher(MultiReader(readers, generation=toc.generation), fromindex=ix)


class HeldSearcher:
    """A thread's searcher and what its queries share; closed when the thread lets go of it.

    Segment files are open files: without this, a searcher dropped with its thread (or its
    backend) would leave them for the garbage collector to close.
    """

    def __init__(self, searcher):
        self.searcher = searcher
        self.view = SearchView(searcher)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.searcher.close()

    __del__ = close
