"""Snippets: escaped text, our own <mark> tags only, around the matches."""

from wiki.search.highlight import highlight, highlighter_for, snippet
from wiki.search.query import parse


def marks(query: str, text: str, language: str = "es") -> str:
    return str(snippet(text, highlighter_for(parse(query).node, language)))


def test_stemmed_and_unaccented_matches_are_marked():
    out = marks("evaluacion", "Se revisan las evaluaciones y la evaluación del año.")
    assert "<mark>evaluaciones</mark>" in out
    assert "<mark>evaluación</mark>" in out


def test_text_is_escaped_and_only_mark_tags_are_added():
    out = marks("ejemplo", 'ejemplo <img src=x onerror="alert(1)"> & más')
    assert "<img" not in out
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in out
    assert "&amp; más" in out
    assert out.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_excluded_words_are_not_marked():
    out = marks("restaurante -comensal", "El comensal entra al restaurante.")
    assert "<mark>restaurante</mark>" in out
    assert "<mark>comensal</mark>" not in out


def test_prefix_marks_words_starting_with_it():
    out = marks("capacit*", "Orienta la capacitación del personal.")
    assert "<mark>capacitación</mark>" in out


def test_window_moves_to_the_matches_and_says_what_was_cut():
    text = " ".join(["relleno"] * 100) + " la certificación del personal " + " ".join(["fin"] * 100)
    out = marks("certificacion", text)
    assert out.startswith("… ")
    assert out.endswith(" …")
    assert "<mark>certificación</mark>" in out


def test_no_match_shows_the_beginning_without_marks():
    out = marks("nada", "Primer párrafo del estándar.")
    assert out == "Primer párrafo del estándar."


def test_title_highlight_keeps_the_whole_title():
    highlighter = highlighter_for(parse("comensales").node, "es")
    assert str(highlight("Atención a comensales", highlighter)) == (
        "Atención a <mark>comensales</mark>"
    )


def test_parts_of_a_standard_are_kept_apart_on_one_line():
    out = marks("amable", "Propósito\nSaluda de manera amable.\n  Otro criterio")
    assert out == "Propósito · Saluda de manera <mark>amable</mark>. · Otro criterio"
