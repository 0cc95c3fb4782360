"""Folding, stemming and edit distance: the analysis both backends share."""

import pytest

from wiki.search.analysis import (
    edit_distance,
    fold,
    stems_within_prefix,
    term,
    terms,
    vocabulary,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Educación", "educacion"),
        ("GESTIÓN", "gestion"),
        ("Año", "año"),
        ("AÑO", "año"),
        ("pingüino", "pinguino"),
        ("n\u0303andu\u0301", "ñandu"),  # decomposed input folds like composed
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold_lowers_and_drops_accents_but_keeps_enye(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("word", ["evaluacion", "evaluación", "evaluaciones", "EVALUACIÓN"])
def test_spanish_evaluation_forms_share_one_term_with_or_without_accents(word):
    assert term(word, "es") == term("evaluaciones", "es")


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("educacion", "educaciones"),
        ("institucion", "instituciones"),
        ("capacitacion", "capacitación"),
        ("gestion", "gestiones"),
        ("categoria", "categorías"),
        ("servicio", "servicios"),
    ],
)
def test_unaccented_singular_and_accented_plural_meet(singular, plural):
    assert term(singular, "es") == term(plural, "es")


def test_enye_is_not_n():
    assert term("año", "es") != term("ano", "es")
    assert term("diseño", "es") != term("diseno", "es")


def test_stop_words_have_no_term_in_their_language_only():
    assert term("de", "es") is None
    assert term("the", "en") is None
    assert term("de", "en") == "de"


def test_english_words_stem_with_the_english_stemmer():
    assert term("Evaluations", "en") == term("evaluation", "en")
    assert terms("the systems", "en") == [term("system", "en")]


def test_vocabulary_keeps_folded_words_of_three_letters_or_more():
    assert vocabulary("La Educación, 2024, año y ñu") == {"educacion", "año"}


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("educasion", "educacion", 2, 1),
        ("abcd", "bacd", 1, 1),  # a transposition is one edit
        ("kitten", "sitting", 2, None),
        ("kitten", "sitting", 3, 3),
        ("same", "same", 1, 0),
        ("short", "much longer", 2, None),
    ],
)
def test_edit_distance_is_bounded_by_its_limit(a, b, limit, expected):
    assert edit_distance(a, b, limit) == expected


def test_prefix_reaches_stems_a_few_letters_shorter_only():
    assert "evalu" in stems_within_prefix("evaluac")
    assert "capac" not in stems_within_prefix("capacitac")
    assert stems_within_prefix("ed") == []
