"""How text becomes search terms: words, folding, stop words and stemming, in plain Python.

The rules, the same on both backends (``postgres_backend`` repeats them in SQL):

1. Fold: lower case, accents removed, but ``ñ`` stays a letter of its own ("año" is not "ano").
2. Spanish only: restore the accent of a folded ``-ación``/``-ución`` ending. The Snowball Spanish
   stemmer knows "evaluación" and "evaluaciones" (both become "evalu") but not the unaccented
   "evaluacion"; folding first and stemming second, as the usual ``unaccent`` + ``spanish_stem``
   chain does, leaves "evaluacion" unstemmed and so never finds "evaluaciones". Every other
   accented Snowball suffix folds to a form the stemmer treats like its plural, so two endings
   are all that need restoring.
3. Drop stop words, then stem with the Snowball stemmer of the document's language.

The Whoosh backend indexes with these functions; the highlighter uses them on both backends.
"""

import re
import unicodedata
from functools import lru_cache

from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.lang.snowball.spanish import SpanishStemmer
from whoosh.lang.stopwords import stoplists

#: document languages, each with its own stemmer and stop words
LANGUAGES = ("es", "en")
#: longer words are cut to this length (PostgreSQL refuses lexemes over 2 KB)
MAX_WORD_CHARS = 64

WORD = re.compile(r"\w+")
_REACCENT = re.compile(r"([au])cion$")


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics mapped to their base letter; ñ and Ñ map to ñ."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        if base != char and base.isascii():
            table[code] = base
    table[ord("ñ")] = table[ord("Ñ")] = "ñ"
    table[ord("ß")] = "ss"
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case without accents, keeping ñ: "Educación Año" -> "educacion año"."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """The words of ``text`` as written (letters, digits and underscores)."""
    return [w[:MAX_WORD_CHARS] for w in WORD.findall(text)]


def _stop_words(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in stoplists[language])


STOP_WORDS = {language: _stop_words(language) for language in LANGUAGES}
_STEMMERS = {"es": SpanishStemmer().stem, "en": EnglishStemmer().stem}


@lru_cache(maxsize=200_000)
def term(word: str, language: str) -> str | None:
    """The index term of one word in a language, or None for a stop word."""
    folded = fold(word[:MAX_WORD_CHARS])
    if folded in STOP_WORDS[language]:
        return None
    if language == "es":
        folded = _REACCENT.sub(r"\1ción", folded)
    return _STEMMERS[language](folded)


def terms(text: str, language: str) -> list[str]:
    """Index terms of ``text`` in order, stop words left out."""
    found = []
    for word in words(text):
        analysed = term(word, language)
        if analysed is not None:
            found.append(analysed)
    return found


def vocabulary(text: str) -> set[str]:
    """Folded words worth suggesting in "did you mean": three letters or more, not numbers."""
    return {
        folded
        for folded in (fold(word) for word in words(text))
        if len(folded) >= 3 and not folded.isdigit() and "_" not in folded
    }


def stems_within_prefix(prefix: str) -> list[str]:
    """Stems a word starting with ``prefix`` may have: "evaluac*" is "evalu" + "ación".

    Prefixes match index terms, which are stems; a stem may be a few letters shorter than
    what was typed. Shorter ones would reach other words ("capac", from "capacidad", for
    "capacitac*").
    """
    return [prefix[:k] for k in range(max(3, len(prefix) - 3), len(prefix))]


def edit_distance(a: str, b: str, limit: int) -> int | None:
    """Optimal-string-alignment distance between ``a`` and ``b`` if at most ``limit``, else None."""
    if abs(len(a) - len(b)) > limit:
        return None
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return None
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else None
