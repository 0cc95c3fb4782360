"""The search box language: a tree, never an error, with problems as messages."""

import pytest

from wiki.search.query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    NOTHING_TO_FIND,
    ONLY_EXCLUSIONS,
    TOO_LONG,
    TOO_MANY_TERMS,
    All,
    Any,
    Code,
    Not,
    Phrase,
    Prefix,
    Word,
    leaves,
    parse,
    replace_word,
)


def test_words_must_all_match():
    assert parse("educación capacitación").node == All((Word("educación"), Word("capacitación")))


def test_or_binds_looser_than_and():
    assert parse("a OR b c").node == Any((Word("a"), All((Word("b"), Word("c")))))


def test_spanish_operators_work_in_capitals_only():
    assert parse("a O b").node == Any((Word("a"), Word("b")))
    assert parse("a o b").node == All((Word("a"), Word("o"), Word("b")))


def test_not_and_minus_exclude():
    assert parse("a NOT b").node == All((Word("a"), Not(Word("b"))))
    assert parse("a -b").node == All((Word("a"), Not(Word("b"))))


def test_quotes_make_a_phrase_and_an_unclosed_quote_closes_at_the_end():
    assert parse('"gestión de la calidad').node == Phrase(("gestión", "de", "la", "calidad"))
    assert parse("“comillas tipográficas”").node == Phrase(("comillas", "tipográficas"))


def test_star_makes_a_folded_prefix_of_two_letters_or_more():
    assert parse("Evaluació*").node == Prefix("evaluacio")
    assert parse("e*").node == Word("e")


@pytest.mark.parametrize("text", ["EC0217", "ec0217", "EC0217.01", "ec0217.01."])
def test_codes_are_recognised_exactly(text):
    assert parse(text).node == Code(text.rstrip(".").upper())


def test_field_syntax_is_only_words():
    node = parse("nothing OR status:draft").node
    assert node == Any((Word("nothing"), Phrase(("status", "draft"))))


def test_unbalanced_brackets_are_forgiven():
    assert parse("(a OR (b").node == Any((Word("a"), Word("b")))
    assert parse("a) b").node == All((Word("a"), Word("b")))


def test_deep_brackets_do_not_recurse_without_limit():
    assert parse("(" * 200 + "a" + ")" * 200).problem is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("AND OR NOT", NOTHING_TO_FIND),
        ("* - ()", NOTHING_TO_FIND),
        ("NOT a", ONLY_EXCLUSIONS),
        ("-a -b", ONLY_EXCLUSIONS),
        ("x" * (MAX_QUERY_CHARS + 1), TOO_LONG),
        ("x" * 10_000, TOO_LONG),
        (" ".join(f"w{i}" for i in range(MAX_TERMS + 1)), TOO_MANY_TERMS),
    ],
)
def test_what_cannot_be_searched_becomes_a_problem(text, problem):
    parsed = parse(text)
    assert parsed.problem == problem
    assert parsed.node is None


def test_control_characters_are_spaces():
    assert parse("a\x00b\x07c\u200bd").node == All((Word("a"), Word("b"), Word("c"), Word("d")))


def test_blank_query_is_empty_not_a_problem():
    assert parse("   ").is_empty
    assert parse(None).is_empty


def test_positive_leaves_skip_excluded_words():
    node = parse('a "b c" -d ev*').node
    assert [leaf for leaf in leaves(node, positive_only=True)] == [
        Word("a"),
        Phrase(("b", "c")),
        Prefix("ev"),
    ]


def test_replace_word_replaces_whole_words_only():
    assert replace_word("evaluasion evaluasiones", "evaluasion", "evaluacion") == (
        "evaluacion evaluasiones"
    )
