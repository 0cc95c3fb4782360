"""Whether a new password is too easy to guess, and why: zxcvbn's estimate plus our own words.

Plain Python: the caller passes what it knows of the person (name, email), and gets back a
``Weakness`` (a code and a message marked for translation) or None.
"""

import enum
import re
import unicodedata

from zxcvbn import zxcvbn

from wiki.i18n import N_

#: shortest password accepted
MIN_PASSWORD_LENGTH = 10
#: zxcvbn refuses longer input; a longer password is at least as strong as its start
ESTIMATED_LENGTH = 72
#: words everyone tries first on this site: its subject, and common Spanish passwords, which
#: zxcvbn's English lists lack
SITE_WORDS = (
    "contraseña", "contrasena", "clave", "password", "wiki", "conocer", "estandar", "estándar",
    "competencia", "competencias", "mexico", "méxico", "tequiero", "teamo", "hola",
)


class Weakness(enum.StrEnum):
    """Why a password is refused."""

    #: shorter than MIN_PASSWORD_LENGTH
    TOO_SHORT = "too_short"
    #: built mostly from the person's name or email address
    PERSONAL = "personal"
    #: on the lists of passwords people choose most
    COMMON = "common"
    #: a repetition, a sequence or a keyboard row
    PATTERN = "pattern"
    #: otherwise below the minimum score
    GUESSABLE = "guessable"


#: what the person is told, with the remedy zxcvbn suggests
MESSAGES = {
    Weakness.TOO_SHORT: N_("The password must have at least %(count)d characters."),
    Weakness.PERSONAL: N_(
        "This password is built from your name or email address, which others can find out. "
        "Choose one that has nothing to do with you, for example three or four unrelated words."
    ),
    Weakness.COMMON: N_(
        "This password is one of the most common ones, which are tried first. "
        "Choose another, for example three or four unrelated words."
    ),
    Weakness.PATTERN: N_(
        "This password is a repetition or a sequence (like aaaa, 1234 or qwerty), which is "
        "guessed quickly. Choose another, for example three or four unrelated words."
    ),
    Weakness.GUESSABLE: N_(
        "This password is too easy to guess. Make it longer, for example with three or four "
        "unrelated words."
    ),
}


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def personal_words(*, display_name: str = "", email: str = "") -> list[str]:
    """What zxcvbn should treat as known about the person: name, email, their pieces."""
    local = email.partition("@")[0]
    pieces = [display_name.replace(" ", ""), email, local]
    pieces += re.split(r"[\s.\-_+]+", display_name) + re.split(r"[.\-_+]+", local)
    words = []
    for piece in pieces:
        for form in (piece.lower(), _without_accents(piece.lower())):
            if len(form) >= 3 and form not in words:
                words.append(form)
    return words


def password_weakness(
    password: str, *, personal: list[str], min_score: int
) -> Weakness | None:
    """Why ``password`` is refused, or None when it is good enough.

    ``personal`` comes from ``personal_words``; ``min_score`` is zxcvbn's 0 to 4 scale (3 means
    at least 10^8 guesses). A password made mostly of the person's own words is refused whatever
    zxcvbn scores it, since whoever knows the person tries those first.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return Weakness.TOO_SHORT
    personal_share = _share_covered(password, personal)
    if personal_share >= 0.5:
        return Weakness.PERSONAL
    result = zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=[*personal, *SITE_WORDS])
    if result["score"] >= min_score:
        return None
    if personal_share:
        return Weakness.PERSONAL
    matches = result["sequence"]
    if any(_is_word(m, "passwords") or _is_word(m, "user_inputs") for m in matches):
        return Weakness.COMMON
    if any(m["pattern"] in ("repeat", "sequence", "spatial") for m in matches):
        return Weakness.PATTERN
    return Weakness.GUESSABLE


def _share_covered(password: str, words: list[str]) -> float:
    """The share of the password's characters that belong to one of ``words``, in any case
    and with or without accents."""
    text = _without_accents(password.lower())
    covered = [False] * len(text)
    for word in {_without_accents(word) for word in words}:
        start = text.find(word)
        while start >= 0:
            covered[start:start + len(word)] = [True] * len(word)
            start = text.find(word, start + 1)
    return sum(covered) / len(text) if text else 0.0


def _is_word(match: dict, dictionary: str) -> bool:
    return match["pattern"] == "dictionary" and match.get("dictionary_name") == dictionary
