"""Finding ``@[Name]`` mentions in a comment and matching them to committee members (plain Python).

A mention is written ``@[Display Name]`` (what the editor's completion inserts) or
``@[email@example.org]``. Names match without regard to case or Unicode normal form. A name
that is no member's, or that several members share, is reported, never silently dropped.
"""

import re
import unicodedata
from dataclasses import dataclass

#: ``@[…]`` not followed by ``(``, so a Markdown link such as ``@[text](url)`` is no mention
MENTION = re.compile(r"@\[([^\[\]\n]{1,120})\](?!\()")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


@dataclass(frozen=True)
class Member:
    """Someone who may be mentioned."""

    user_id: int
    display_name: str
    email: str


@dataclass(frozen=True)
class MentionProblem:
    """A mention that names nobody (``unknown``) or more than one member (``ambiguous``)."""

    code: str
    name: str


@dataclass(frozen=True)
class Mentions:
    """The members a text mentions, and the mentions that could not be matched."""

    user_ids: frozenset[int]
    problems: tuple[MentionProblem, ...]


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def mentioned_names(text: str) -> list[str]:
    """The names written as mentions, in order of first appearance, without repeats."""
    seen: dict[str, str] = {}
    for match in MENTION.finditer(text or ""):
        name = " ".join(match.group(1).split())
        if name and _key(name) not in seen:
            seen[_key(name)] = name
    return list(seen.values())


def _index(members: list[Member]) -> dict[str, list[Member]]:
    index: dict[str, list[Member]] = {}
    for member in members:
        for key in {_key(member.display_name), _key(member.email)}:
            index.setdefault(key, []).append(member)
    return index


def resolve_mentions(text: str, members: list[Member]) -> Mentions:
    """Match every mention in ``text`` to exactly one member."""
    index = _index(members)
    found: set[int] = set()
    problems: list[MentionProblem] = []
    for name in mentioned_names(text):
        matches = index.get(_key(name), [])
        if len(matches) == 1:
            found.add(matches[0].user_id)
        else:
            problems.append(MentionProblem("ambiguous" if matches else "unknown", name))
    return Mentions(frozenset(found), tuple(problems))


def mark_mentions(text: str, members: list[Member]) -> str:
    """The text with each matched ``@[Name]`` written as bold ``@Name``, ready for Markdown."""
    index = _index(members)

    def replace(match: re.Match) -> str:
        matches = index.get(_key(match.group(1)), [])
        if len(matches) != 1:
            return match.group(0)
        return "**@" + _MARKDOWN_SPECIAL.sub(r"\\\1", matches[0].display_name) + "**"

    return MENTION.sub(replace, text)
