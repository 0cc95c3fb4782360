"""Whoosh queries: the parsed tree compiled per language, and visibility applied inside the engine.

``compile_query`` turns the tree into a Whoosh query over one language's fields. ``SearchView``
holds, per searcher, the set of document numbers a viewer may see (and the facet columns);
``AllowedCollector`` checks that set for every match inside the engine's loop, so nothing
outside it is ever scored, counted or returned.
"""

from collections import Counter

from whoosh import collectors
from whoosh import query as wq

from wiki.search import analysis
from wiki.search import query as q
from wiki.search.visibility import Visibility

#: a title match counts this many times a match in the text
TITLE_BOOST = 3.0


def _text_fields(language: str) -> tuple[tuple[str, float], ...]:
    return ((f"title_{language}", TITLE_BOOST), (f"text_{language}", 1.0))


def compile_query(node: q.Node, language: str) -> wq.Query | None:
    """The Whoosh query for documents in ``language``; None if it can match nothing."""
    if isinstance(node, q.Word):
        found = analysis.term(node.text, language)
        if found is None:
            return None
        return wq.Or([wq.Term(f, found, boost=b) for f, b in _text_fields(language)])
    if isinstance(node, q.Phrase):
        found = analysis.terms(" ".join(node.words), language)
        if len(found) < 2:
            return compile_query(q.Word(found[0]), language) if found else None
        return wq.Or([wq.Phrase(f, found, boost=b) for f, b in _text_fields(language)])
    if isinstance(node, q.Prefix):
        parts = []
        for f, b in _text_fields(language):
            parts.append(wq.Prefix(f, node.text, boost=b))
            parts += [wq.Term(f, stem, boost=b) for stem in analysis.stems_within_prefix(node.text)]
        return wq.Or(parts)
    if isinstance(node, q.Code):
        return wq.Term("codes", node.code.lower())
    if isinstance(node, q.Not):
        inner = compile_query(node.child, language)
        return wq.Not(inner) if inner is not None else None
    parts = [(child, compile_query(child, language)) for child in node.children]
    if isinstance(node, q.All):
        if not any(p is not None and not isinstance(c, q.Not) for c, p in parts):
            return None
        return wq.And([p for _, p in parts if p is not None])
    kept = [p for _, p in parts if p is not None]
    return wq.Or(kept) if kept else None


class SearchView:
    """What one searcher's queries share: visibility sets and facet columns, read once."""

    #: most (visibility, filters) combinations remembered per searcher
    MAX_ALLOWED = 64

    def __init__(self, searcher):
        self.searcher = searcher
        self._allowed: dict = {}
        self._columns: dict[str, list] = {}

    def allowed(self, visibility: Visibility, filters) -> frozenset[int]:
        """Document numbers the viewer may see that pass the filters."""
        active = tuple(sorted(filters.active().items()))
        key = (visibility.scopes, active)
        if key not in self._allowed:
            if len(self._allowed) >= self.MAX_ALLOWED:
                self._allowed.clear()
            parts = [wq.Or([wq.Term("visibility", scope) for scope in visibility.scopes])]
            parts += [wq.Term(name, str(value)) for name, value in active]
            self._allowed[key] = frozenset(self.searcher.docs_for_query(wq.And(parts)))
        return self._allowed[key]

    def counts(self, name: str, docnums: list[int]) -> list[tuple[str, int]]:
        """Facet values of these documents with how many have each, most frequent first."""
        counted = Counter(map(self.column(name).__getitem__, docnums))
        return sorted(
            ((value, count) for value, count in counted.items() if value),
            key=lambda pair: (-pair[1], pair[0]),
        )

    def column(self, name: str) -> list:
        """The field's value for every document number."""
        if name not in self._columns:
            self._columns[name] = list(self.searcher.reader().column_reader(name))
        return self._columns[name]


class AllowedCollector(collectors.Collector):
    """Scores every match the viewer may see, keeping all of them: facets count them all.

    Visibility is a set of document numbers checked for each match inside the engine's
    loop, so nothing outside it is ever scored, counted or returned.
    """

    def __init__(self, allowed: frozenset[int]):
        super().__init__()
        self.allowed = allowed
        self.docnums: list[int] = []
        self.scores: list[float] = []

    def collect_matches(self):
        # replace() swaps in a simpler matcher where it can (an OR whose side ran out…).
        matcher = self.matcher = self.matcher.replace(0)
        offset, allowed = self.offset, self.allowed
        keep, keep_score = self.docnums.append, self.scores.append
        is_active, current, score, advance = (
            matcher.is_active,
            matcher.id,
            matcher.score,
            matcher.next,
        )
        while is_active():
            docnum = offset + current()
            if docnum in allowed:
                keep(docnum)
                keep_score(score())
            advance()

    def collect(self, sub_docnum):
        raise NotImplementedError("collect_matches does the collecting")

    def results(self):
        raise NotImplementedError("read docnums and scores")
