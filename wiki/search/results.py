"""What a search page shows: ranked hits with snippets, facets, and "did you mean"."""

from dataclasses import dataclass, field

from markupsafe import Markup

from wiki.search import analysis
from wiki.search import query as q
from wiki.search.base import Filters, SearchRequest, SearchResults
from wiki.search.highlight import highlight, highlighter_for, snippet
from wiki.search.suggestions import suggest
from wiki.search.visibility import Visibility


@dataclass(frozen=True)
class SearchPage:
    parsed: q.ParsedQuery
    request: SearchRequest | None = None
    results: SearchResults | None = None
    #: doc_id -> marked-up title and snippet
    titles: dict[str, Markup] = field(default_factory=dict)
    snippets: dict[str, Markup] = field(default_factory=dict)
    suggestion: str | None = None


def find(
    text: str | None,
    visibility: Visibility,
    *,
    backend,
    session,
    filters: Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 10,
) -> SearchPage:
    """Parse, search with the viewer's visibility, mark up the hits, and suggest if none."""
    parsed = q.parse(text)
    filters = filters or Filters()
    if parsed.problem or (parsed.node is None and not filters.active()):
        return SearchPage(parsed)
    if parsed.node is None:
        sort = "date"
    request = SearchRequest(parsed.node, filters, sort, page, per_page)
    results = backend.search(request, visibility, session=session)
    highlighters = {lang: highlighter_for(parsed.node, lang) for lang in analysis.LANGUAGES}
    titles, snippets = {}, {}
    for hit in results.hits:
        highlighter = highlighters[hit.language]
        titles[hit.doc_id] = highlight(hit.title, highlighter)
        snippets[hit.doc_id] = snippet(hit.body, highlighter)
    suggestion = None
    if results.total == 0 and parsed.node is not None:
        suggestion = suggest(parsed, filters, visibility, backend=backend, session=session)
    return SearchPage(parsed, request, results, titles, snippets, suggestion)
