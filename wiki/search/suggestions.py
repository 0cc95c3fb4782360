""" "Did you mean": a near word for each unknown word, from what the viewer may see.

Candidates come only from the vocabulary of documents the viewer may find (published
editions, and drafts of the viewer's committees), so a draft's words are never offered to
anyone else; and a suggestion is shown only if it finds something.
"""

from wiki.search import analysis
from wiki.search import query as q
from wiki.search.base import Filters, SearchRequest
from wiki.search.visibility import Visibility

#: words shorter than this are never corrected
MIN_WORD_CHARS = 4


def allowed_distance(word: str) -> int:
    """Edits allowed between a word and its correction: one for short words, else two."""
    return 1 if len(word) <= 5 else 2


def correction(word: str, vocabulary: set[str]) -> str | None:
    """The nearest vocabulary word (fewest edits, then closest length, then alphabetical)."""
    limit = allowed_distance(word)
    scored = []
    for candidate in vocabulary:
        distance = analysis.edit_distance(word, candidate, limit)
        if distance:
            scored.append((distance, abs(len(candidate) - len(word)), candidate))
    return min(scored)[2] if scored else None


def suggest(
    parsed: q.ParsedQuery, filters: Filters, visibility: Visibility, *, backend, session
) -> str | None:
    """The query with misspelt words corrected, if that finds anything; else None."""
    text = parsed.text
    seen: set[str] = set()
    for leaf in q.leaves(parsed.node, positive_only=True):
        written = (leaf.text,) if isinstance(leaf, q.Word) else getattr(leaf, "words", ())
        for word in written:
            folded = analysis.fold(word)
            if folded in seen or len(folded) < MIN_WORD_CHARS or not folded.isalpha():
                continue
            seen.add(folded)
            limit = allowed_distance(folded)
            lengths = range(len(folded) - limit, len(folded) + limit + 1)
            vocabulary = backend.vocabulary(folded[0], lengths, visibility, session=session)
            if folded in vocabulary:
                continue
            better = correction(folded, vocabulary)
            if better is not None:
                text = q.replace_word(text, word, better)
    if text == parsed.text:
        return None
    corrected = q.parse(text)
    if corrected.node is None:
        return None
    found = backend.search(
        SearchRequest(corrected.node, filters, per_page=1), visibility, session=session
    )
    return text if found.total else None
